/**
 * Support visits (issue 15) as the core's REST API and the panel see them. Types only, no
 * imports: the panel imports this file too.
 */

/** POST /api/agency/clients/:id/support: a read-only session in the client's panel. */
export interface SupportSession {
  /** The visit's one access token (no refresh token: the visit ends when it expires). */
  accessToken: string;
  expiresAt: string;
  visitId: string;
  account: { id: string; name: string };
}

/** GET /api/account/audit: the account's time zone (the page shows times in it) and its visits, newest first. */
export interface AccessLog {
  timeZone: string;
  visits: AccessLogEntry[];
}

/** One support visit as the client's admin sees it. */
export interface AccessLogEntry {
  id: string;
  staff: { name: string; email: string };
  agency: string;
  startedAt: string;
  /** Until when the visit's token was valid. */
  expiresAt: string;
  /** What it opened: API paths read (`GET /api/sites`) and socket reads (`/chat dialog.open`), first ones first. */
  opened: string[];
}
