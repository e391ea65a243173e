/** Who is behind a request or a socket: a signed-in user of an account, or a visitor of a site. */
export type Actor = MemberActor | SupportActor | { kind: 'visitor'; visitorId: string; siteId: string; accountId: string };

/** A signed-in member of the account. */
export interface MemberActor {
  kind: 'user';
  userId: number;
  accountId: string;
  role: UserRole;
}

/**
 * A member of the account's agency's staff in the account's panel for support (issue 15): reads
 * what the account's admin reads and writes nothing. `userId` is the staff member's own user id
 * (no member of the account); `visitId` is the access-log entry the visit is recorded under.
 */
export interface SupportActor {
  kind: 'user';
  userId: number;
  accountId: string;
  role: 'support';
  visitId: string;
}

/** The role of an account's member. */
export type UserRole = 'admin' | 'operator';

export const isSupport = (actor: Actor | undefined): actor is SupportActor => actor?.kind === 'user' && actor.role === 'support';
