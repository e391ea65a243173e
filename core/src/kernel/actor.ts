/** Who is behind a request or a socket: a signed-in user of an account, or a visitor of a site. */
export type Actor =
  | { kind: 'user'; userId: number; accountId: string; role: UserRole }
  | { kind: 'visitor'; visitorId: string; siteId: string; accountId: string };

export type UserRole = 'admin' | 'operator';
