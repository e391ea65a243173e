import type { ContentStore } from '../content/content-store.js';
import type { UserRecord } from '../content/content.types.js';
import { HttpError, unauthorized } from '../http/http-error.js';
import { mailFor } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';
import { isAgencyStaff } from '../agency/staff.js';
import type { ActionTokens } from './action-tokens.js';
import type { AccessTokens } from './access-token.js';
import { roleOf } from './actor-resolver.js';
import type { SessionStore } from './session-store.js';
import { toUserView, type UserView } from './user-view.js';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: UserView;
}

const RESET_LINK_MS = 3600 * 1000;

export const invalidLink = () =>
  new HttpError(400, 'invalid_token', 'This link has expired or was already used; ask for a new one');

/** Sign-in, token refresh, sign-out and password reset; users and passwords live in the CMS. */
export class AuthService {
  constructor(
    private readonly deps: {
      content: ContentStore;
      sessions: SessionStore;
      actionTokens: ActionTokens;
      accessTokens: AccessTokens;
      mailer: Mailer;
      publicUrl: string;
    },
  ) {}

  async login(email: string, password: string): Promise<SignedIn> {
    const user = await this.deps.content.client.verifyPassword(email, password);
    if (!user) throw new HttpError(401, 'invalid_credentials', 'Wrong e-mail or password');
    this.deps.content.upsertLocal('users', user);
    return this.signIn(user);
  }

  /** Issues a fresh session for a user whose identity was just proven. */
  async signIn(user: UserRecord): Promise<SignedIn> {
    if (user.blocked) {
      throw new HttpError(403, 'disconnected', 'Your access was switched off by the account administrator');
    }
    if (isAgencyStaff(user)) {
      if (!this.deps.content.agency(user.agency ?? '')) throw new HttpError(403, 'no_account', 'This user belongs to no agency; ask your administrator');
    } else if (!roleOf(user) || !user.account || !this.deps.content.account(user.account)) {
      throw new HttpError(403, 'no_account', 'This user belongs to no account; ask your administrator');
    }
    const refreshToken = await this.deps.sessions.issue(user.id);
    return { refreshToken, ...(await this.accessFor(user)) };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const rotated = await this.deps.sessions.rotate(refreshToken);
    const user = rotated && this.deps.content.user(rotated.userId);
    if (!rotated || !user || user.blocked || !(roleOf(user) || isAgencyStaff(user))) throw unauthorized('Your session has ended; sign in again');
    return { refreshToken: rotated.token, ...(await this.accessFor(user)) };
  }

  logout(refreshToken: string): Promise<void> {
    return this.deps.sessions.revoke(refreshToken);
  }

  /** Sends a reset link if the address belongs to an active user; says nothing either way. */
  async forgotPassword(email: string): Promise<void> {
    const user = this.deps.content.userByEmail(email);
    if (!user || user.blocked || !user.confirmed || !(user.account || isAgencyStaff(user))) return;
    // Agency staff belong to no account: their link names none.
    const token = await this.deps.actionTokens.create('password-reset', { userId: user.id, accountId: user.account ?? '' }, RESET_LINK_MS);
    const url = `${this.deps.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await this.deps.mailer.send(mailFor('reset', user.panelLocale, user.email, url));
  }

  async resetPassword(token: string, password: string): Promise<void> {
    const row = await this.deps.actionTokens.consume('password-reset', token);
    if (!row) throw invalidLink();
    const user = await this.deps.content.client.updateUser(row.userId, { password });
    this.deps.content.upsertLocal('users', user);
    // Whoever knew the old password must not stay signed in.
    await this.deps.sessions.revokeUser(row.userId);
  }

  private async accessFor(user: UserRecord): Promise<Omit<SignedIn, 'refreshToken'>> {
    const view = toUserView(user, this.deps.content, this.deps.publicUrl);
    const agency = view.role === 'agency' && user.agency ? { agc: user.agency } : {};
    const accessToken = await this.deps.accessTokens.sign({ acc: view.accountId, role: view.role, ...agency }, String(user.id));
    return { accessToken, user: view };
  }
}
