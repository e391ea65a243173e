import { Injectable } from '@angular/core';

const ACCESS_KEY = 'callpy.accessToken';
const REFRESH_KEY = 'callpy.refreshToken';
/** A support visit's session (issue 15): this tab's only, so the staff member's own stays as it is. */
const SUPPORT_KEY = 'callpy.support';

/** A support visit held by this tab: its one access token (no refresh), until when, which client. */
export interface SupportTab {
  accessToken: string;
  expiresAt: string;
  accountName: string;
}

/**
 * Tokens live in localStorage (per the contract) so that a reload or a second tab stays signed in.
 * Every access goes through try/catch: storage may be unavailable (private mode, quota, sandboxed iframes).
 * A tab in a support visit keeps the visit's token in sessionStorage instead and reads only that:
 * the staff member's own tokens in localStorage are neither used nor replaced nor cleared by it.
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  get support(): SupportTab | null {
    const stored = read(SUPPORT_KEY, sessionStore);
    if (!stored) return null;
    try {
      const tab = JSON.parse(stored) as Partial<SupportTab>;
      return typeof tab.accessToken === 'string' && typeof tab.expiresAt === 'string' ? { accessToken: tab.accessToken, expiresAt: tab.expiresAt, accountName: String(tab.accountName ?? '') } : null;
    } catch {
      return null;
    }
  }

  get accessToken(): string | null {
    return this.support?.accessToken ?? read(ACCESS_KEY);
  }

  get refreshToken(): string | null {
    return this.support ? null : read(REFRESH_KEY);
  }

  set(accessToken: string, refreshToken: string): void {
    write(ACCESS_KEY, accessToken);
    write(REFRESH_KEY, refreshToken);
  }

  /** Ends this tab's session: a support visit's alone when there is one, else the signed-in user's. */
  clear(): void {
    if (this.support) return write(SUPPORT_KEY, null, sessionStore);
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
  }

  enterSupport(tab: SupportTab): void {
    write(SUPPORT_KEY, JSON.stringify(tab), sessionStore);
  }
}

const localStore = (): Storage => localStorage;
const sessionStore = (): Storage => sessionStorage;

function read(key: string, store = localStore): string | null {
  try {
    return store().getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null, store = localStore): void {
  try {
    if (value === null) store().removeItem(key);
    else store().setItem(key, value);
  } catch {
    /* storage unavailable: the session simply won't survive a reload */
  }
}
