import { expect } from '@playwright/test';
import { stack } from './stack.js';

/** The core's REST API as a signed-in person: tests check through it what the UI saved (or did not). */
export interface Api {
  token: string;
  /** Answers the JSON of a 2xx response; anything else fails the test with the core's answer. */
  call<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
}

/**
 * How long a sign-in is reused, by the API here and by browsers (panel.ts): well inside the access
 * token's 15 minutes, so nothing ever refreshes — a refresh rotates the refresh token every copy
 * shares. Reused because sign-ins are rate-limited (10 per person in 15 minutes) and the specs
 * together sign in more often than that.
 */
export const SESSION_REUSE_MS = 10 * 60 * 1000;

const sessions = new Map<string, { at: number; api: Api }>();

export async function apiAs(who: { email: string; password: string }): Promise<Api> {
  const cached = sessions.get(who.email);
  if (cached && Date.now() - cached.at < SESSION_REUSE_MS) return cached.api;
  const { coreUrl } = stack();
  const login = await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  expect(login.ok, `sign-in of ${who.email}: ${login.status}`).toBe(true);
  const { accessToken: token } = (await login.json()) as { accessToken: string };
  const api: Api = {
    token,
    async call<T>(method: string, route: string, body?: unknown) {
      const res = await fetch(`${coreUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.ok, `${method} ${route}: ${res.status} ${text}`).toBe(true);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
  sessions.set(who.email, { at: Date.now(), api });
  return api;
}
