import type { ContentStore } from '../content/content-store.js';
import type { UserRecord } from '../content/content.types.js';
import type { Actor, UserRole } from '../kernel/actor.js';
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
    const user = this.content.user(Number(claims.sub));
    const role = user && roleOf(user);
    if (!user || !role || user.blocked || user.account !== claims.acc) return undefined;
    return { kind: 'user', userId: user.id, accountId: claims.acc, role };
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
