import { Injectable } from '@angular/core';

const ACCESS_KEY = 'callpy.accessToken';
const REFRESH_KEY = 'callpy.refreshToken';

/**
 * Tokens live in localStorage (per the contract) so that a reload or a second tab stays signed in.
 * Every access goes through try/catch: storage may be unavailable (private mode, quota, sandboxed iframes).
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  get accessToken(): string | null {
    return read(ACCESS_KEY);
  }

  get refreshToken(): string | null {
    return read(REFRESH_KEY);
  }

  set(accessToken: string, refreshToken: string): void {
    write(ACCESS_KEY, accessToken);
    write(REFRESH_KEY, refreshToken);
  }

  clear(): void {
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage unavailable: the session simply won't survive a reload */
  }
}
