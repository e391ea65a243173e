import type { ContentStore } from '../content/content-store.js';
import type { UserRecord } from '../content/content.types.js';
import { isAgencyStaff } from '../agency/staff.js';
import type { Actor, SupportActor, UserRole } from '../kernel/actor.js';
import type { VisitorTokens } from '../visitors/visitor-token.js';
import type { AccessTokens } from './access-token.js';

export const roleOf = (user: UserRecord): UserRole | undefined =>
  user.role === 'account-admin' ? 'admin' : user.role === 'operator' ? 'operator' : undefined;

/**
 * Turns a bearer token into an Actor, checking the token AND the current state of its subject in
 * the content cache: a disconnected user, a user moved to another account or a deleted site is
 * refused at once even while their token has not expired.
 */
export class ActorResolver {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly visitorTokens: VisitorTokens,
    private readonly content: ContentStore,
  ) {}

  async user(token: string): Promise<Extract<Actor, { kind: 'user' }> | undefined> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) return undefined;
    if (claims.role === 'support') return this.support(claims);
    const user = this.content.user(Number(claims.sub));
    const role = user && roleOf(user);
    if (!user || !role || user.blocked || user.account !== claims.acc) return undefined;
    return { kind: 'user', userId: user.id, accountId: claims.acc, role };
  }

  /**
   * A support visit (issue 15): the staff member is still staff of the agency that still owns the
   * account, checked against the content cache on every use, as a member's token is.
   */
  private support(claims: { sub: string; acc: string; agc?: string; vis?: string }): SupportActor | undefined {
    const staff = this.content.user(Number(claims.sub));
    const account = this.content.account(claims.acc);
    if (!staff || staff.blocked || !isAgencyStaff(staff) || !claims.agc || !claims.vis) return undefined;
    if (staff.agency !== claims.agc || account?.agency !== claims.agc) return undefined;
    return { kind: 'user', userId: staff.id, accountId: account.documentId, role: 'support', visitId: claims.vis };
  }

  async visitor(token: string): Promise<Extract<Actor, { kind: 'visitor' }> | undefined> {
    const claims = await this.visitorTokens.verify(token);
    const site = claims && this.content.site(claims.site);
    if (!claims || !site?.account) return undefined;
    return { kind: 'visitor', visitorId: claims.sub, siteId: site.documentId, accountId: site.account };
  }

  async any(token: string): Promise<Actor | undefined> {
    return (await this.user(token)) ?? (await this.visitor(token));
  }
}
