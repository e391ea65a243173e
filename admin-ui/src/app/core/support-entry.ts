import type { SupportSession } from './api.types';
import type { TokenStorage } from './token-storage';

/** Where the agency console sends a support visit's tab; the token travels in the fragment, which no server sees. */
export const SUPPORT_ENTRY_PATH = '/support';

export function supportEntryUrl(session: SupportSession): string {
  const params = new URLSearchParams({ token: session.accessToken, expires: session.expiresAt, account: session.account.name });
  return `${SUPPORT_ENTRY_PATH}#${params.toString()}`;
}

/**
 * At start, before the router reads the address: a tab opened at `/support#token=…` keeps the visit
 * in its own storage and goes on at `/`, the token gone from the address bar and the history.
 */
export function enterSupportFromAddress(tokens: TokenStorage, location: Location = window.location, history: History = window.history): void {
  if (location.pathname !== SUPPORT_ENTRY_PATH) return;
  const params = new URLSearchParams(location.hash.slice(1));
  const accessToken = params.get('token');
  const expiresAt = params.get('expires');
  if (accessToken && expiresAt) tokens.enterSupport({ accessToken, expiresAt, accountName: params.get('account') ?? '' });
  history.replaceState(null, '', '/');
}
