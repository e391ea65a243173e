import { randomBytes } from 'node:crypto';
import type { AuthService, SignedIn } from '../auth/auth.service.js';
import { invalidLink } from '../auth/auth.service.js';
import { roleOf } from '../auth/actor-resolver.js';
import type { ActionTokens } from '../auth/action-tokens.js';
import type { SessionStore } from '../auth/session-store.js';
import type { ContentStore } from '../content/content-store.js';
import type { UserRecord } from '../content/content.types.js';
import { HttpError, notFound } from '../http/http-error.js';
import type { UserRole } from '../kernel/actor.js';
import type { AccountLimitRegistry } from '../kernel/account-limits.js';
import type { EventBus } from '../kernel/event-bus.js';
import { mailFor } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';

export interface TeamMember {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  status: 'active' | 'invited' | 'disconnected';
}

export interface Invite {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  role: UserRole;
}

const INVITATION_MS = 7 * 24 * 3600 * 1000;

const toMember = (u: UserRecord): TeamMember => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName ?? '',
  lastName: u.lastName ?? '',
  role: roleOf(u) ?? 'operator',
  status: u.blocked ? 'disconnected' : u.confirmed ? 'active' : 'invited',
});

/** The account's people (A2, A3): list, invite by e-mail, accept, disconnect. */
export class TeamService {
  constructor(
    private readonly deps: {
      content: ContentStore;
      auth: AuthService;
      sessions: SessionStore;
      actionTokens: ActionTokens;
      mailer: Mailer;
      bus: EventBus;
      publicUrl: string;
      /** Plugins' limits on the account (a licence's seats); none when absent. */
      limits?: AccountLimitRegistry;
      dropUserSockets: (userId: number) => void;
      /** Tells a user's open panels to refresh their session (a new role). */
      tellUserPanels: (userId: number) => void;
    },
  ) {}

  list(accountId: string): TeamMember[] {
    return this.deps.content
      .usersOf(accountId)
      .map(toMember)
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  async invite(accountId: string, invite: Invite): Promise<TeamMember> {
    const { content } = this.deps;
    let user = content.userByEmail(invite.email);
    if (user && (user.account !== accountId || (user.confirmed && !user.blocked))) {
      throw new HttpError(409, 'email_taken', 'A user with this e-mail already exists', { email: 'Already in use' });
    }
    // A pending invitee already holds a seat (a second invitation re-sends the mail); anyone else takes one.
    if (!user || user.blocked) this.checkSeat(accountId);
    // A disconnected member invited again starts over: switched back on but pending, with the
    // role asked for and a password nobody knows, until they accept the new link.
    if (user?.blocked) {
      user = await content.client.updateUser(user.id, {
        blocked: false,
        confirmed: false,
        password: randomBytes(32).toString('base64url'),
        role: invite.role === 'admin' ? 'account-admin' : 'operator',
      });
    }
    // A second invitation to a pending address re-sends the mail with a fresh link.
    user ??= await content.client.createUser({
      email: invite.email,
      // Unusable until the invitee sets their own; nobody ever learns it.
      password: randomBytes(32).toString('base64url'),
      firstName: invite.firstName ?? '',
      lastName: invite.lastName ?? '',
      account: accountId,
      role: invite.role === 'admin' ? 'account-admin' : 'operator',
      confirmed: false,
      blocked: false,
    });
    content.upsertLocal('users', user);
    await this.deps.actionTokens.voidAll('invitation', user.id);
    const token = await this.deps.actionTokens.create('invitation', { userId: user.id, accountId }, INVITATION_MS);
    const account = content.account(accountId);
    const url = `${this.deps.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    await this.deps.mailer.send(mailFor('invitation', account?.language ?? 'ru', user.email, url, { account: account?.name ?? '' }));
    this.deps.bus.publish('core.user.invited', { accountId, userId: user.id, email: user.email });
    return toMember(user);
  }

  async invitation(token: string): Promise<{ email: string; accountName: string; firstName: string; lastName: string }> {
    const row = await this.deps.actionTokens.peek('invitation', token);
    const user = row && this.deps.content.user(row.userId);
    if (!row || !user || user.blocked) throw notFound('This invitation has expired or was already used');
    return {
      email: user.email,
      accountName: this.deps.content.account(row.accountId)?.name ?? '',
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
    };
  }

  async accept(token: string, password: string, firstName: string, lastName: string): Promise<SignedIn> {
    const row = await this.deps.actionTokens.consume('invitation', token);
    const pending = row && this.deps.content.user(row.userId);
    if (!row || !pending || pending.blocked) throw invalidLink();
    const user = await this.deps.content.client.updateUser(row.userId, { password, firstName, lastName, confirmed: true });
    this.deps.content.upsertLocal('users', user);
    return this.deps.auth.signIn(user);
  }

  /**
   * Gives a member the other role. The account keeps at least one active admin, so the last one
   * cannot step down. The member's open panels are told and pick the new role up with a refresh.
   */
  async changeRole(accountId: string, userId: number, role: UserRole): Promise<TeamMember> {
    const user = this.member(accountId, userId);
    if (roleOf(user) === role) return toMember(user);
    const otherAdmins = this.deps.content.usersOf(accountId).filter((u) => u.id !== userId && roleOf(u) === 'admin' && u.confirmed && !u.blocked);
    if (role === 'operator' && otherAdmins.length === 0) {
      throw new HttpError(409, 'last_admin', 'The account needs an administrator: make someone else one first');
    }
    const updated = await this.deps.content.client.updateUser(userId, { role: role === 'admin' ? 'account-admin' : 'operator' });
    this.deps.content.upsertLocal('users', updated);
    this.deps.tellUserPanels(userId);
    return toMember(updated);
  }

  /** Switches a disconnected member back on: their own password works again. */
  async reconnect(accountId: string, userId: number): Promise<TeamMember> {
    const user = this.member(accountId, userId);
    if (!user.blocked) throw new HttpError(409, 'not_disconnected', 'This member is not disconnected');
    this.checkSeat(accountId);
    const updated = await this.deps.content.client.updateUser(userId, { blocked: false });
    this.deps.content.upsertLocal('users', updated);
    return toMember(updated);
  }

  /** Switches a member off: their token is refused from now on and open sockets drop at once. */
  async disconnect(accountId: string, actorId: number, userId: number): Promise<void> {
    this.member(accountId, userId);
    if (userId === actorId) throw new HttpError(400, 'self_disconnect', 'You cannot disconnect yourself');
    const updated = await this.deps.content.client.updateUser(userId, { blocked: true });
    this.deps.content.upsertLocal('users', updated);
    await this.deps.sessions.revokeUser(userId);
    this.deps.dropUserSockets(userId);
    this.deps.bus.publish('core.user.disconnected', { accountId, userId });
  }

  /**
   * One more member past the seats a plugin's limit allows (a licence's plan) is refused; the
   * members there are stay, whatever the limit became (an expired licence loses nobody).
   */
  private checkSeat(accountId: string): void {
    const allowed = this.deps.limits?.seats(accountId) ?? null;
    if (allowed === null) return;
    const used = this.deps.content.usersOf(accountId).filter((u) => !u.blocked).length;
    if (used >= allowed) {
      throw new HttpError(409, 'seat_limit', `The account's plan allows ${allowed} members and ${used} hold a seat: buy a licence for more operators`);
    }
  }

  /** Another account's user answers as an unknown one, so ids cannot be probed. */
  private member(accountId: string, userId: number): UserRecord {
    const user = this.deps.content.user(userId);
    if (!user || user.account !== accountId) throw notFound('No such member in this account');
    return user;
  }
}
