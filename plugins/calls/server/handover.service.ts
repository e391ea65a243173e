import type { Socket } from 'socket.io';
import { HttpError, roleOf, type Actor, type MemberActor } from '../../../core/src/index.js';
import type { CallDto, CallHandover } from '../shared/calls.protocol.js';
import { claimLink, hashToken, issueToken } from './call-tokens.js';
import type { CallsContext } from './calls.context.js';
import type { CallsService } from './calls.service.js';
import { ringsFor, sideOf } from './participants.js';

/** How long a redeemed hand-over lets the phone (re)connect to its call at most; the call's end revokes it first. */
const GRANT_TTL_MS = 12 * 60 * 60_000;

const invalid = () => new HttpError(404, 'handover_invalid', 'The hand-over link is not valid: it works once and for a short time');

/**
 * What a socket holds after redeeming a link: it may act on this call only — a phone as its
 * operator (D3), a guest (D4, `guest`: their name) on a leg of their own, with no operator's powers.
 */
export interface HandoverGrant {
  callId: string;
  guest?: string;
}

export const grantOf = (socket: Socket): HandoverGrant | undefined => (socket.data as { grant?: HandoverGrant }).grant;

/**
 * D3: moving a call to the operator's phone by a QR code. `call.handover` makes a link
 * `<panel>/call/<token>` — single use, `handoverTtlSeconds` long, bound to one call and one
 * operator; only its SHA-256 is stored. The phone's page redeems it with
 * `POST /api/calls/public/handover/<token>` and gets a grant: a socket token of its own that
 * `/calls` accepts (ctx.realtime.acceptTokens) as that operator for that one call, until the call
 * ends. The phone then joins (or accepts) like any leg; the desktop leaves once the phone's media
 * flows (make before break).
 */
export class HandoverService {
  constructor(
    private readonly ctx: CallsContext,
    private readonly calls: CallsService,
  ) {}

  /** A hand-over link for an operator taking part in the call, or for whom it rings. */
  async create(actor: Extract<Actor, { kind: 'user' }>, callId: string): Promise<CallHandover> {
    const row = await this.calls.load(actor, callId);
    if (row.state === 'ended' || (sideOf(row, actor) !== 'operator' && !ringsFor(row, actor))) throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    const expiresAt = this.ctx.clock.now() + this.ctx.options.handoverTtlSeconds * 1000;
    const token = await issueToken(this.ctx.db.kysely, { kind: 'link', callId: row.id, accountId: row.account_id, userId: actor.userId, expiresAt });
    return { url: `${new URL(this.ctx.publicUrl).origin}/call/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Redeems a link once: a stale, reused or unknown one is refused alike, so none can be probed. */
  async redeem(token: string): Promise<{ token: string; call: CallDto }> {
    const now = this.ctx.clock.now();
    const claimed = await claimLink(this.ctx, 'link', token);
    if (!claimed) throw invalid();
    const actor = this.member(claimed.user_id, claimed.account_id);
    const row = await this.calls.store.call(claimed.account_id, claimed.call_id);
    if (!actor || !row || row.state === 'ended') throw invalid();
    const grant = await issueToken(this.ctx.db.kysely, { kind: 'grant', callId: row.id, accountId: row.account_id, userId: actor.userId, expiresAt: now + GRANT_TTL_MS, usedAt: now });
    return { token: grant, call: this.calls.dto(row) };
  }

  /**
   * `/calls`'s resolver of grants (acceptTokens): the operator, with the grant kept on the socket.
   * A guest's grant (D4) resolves as the operator who made the link — the account's tenancy — with
   * `guest` on the grant, which calls.sockets.ts lets do nothing but take part in that call.
   */
  async resolve(token: string, socket: Socket): Promise<MemberActor | undefined> {
    const row = await this.ctx.db.kysely
      .selectFrom('calls_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('kind', 'in', ['grant', 'guest'])
      .where('expires_at', '>', this.ctx.clock.now())
      .executeTakeFirst();
    const actor = row && this.member(row.user_id, row.account_id);
    if (!row || !actor) return undefined;
    (socket.data as { grant?: HandoverGrant }).grant = row.kind === 'guest' ? { callId: row.call_id, guest: row.name ?? '' } : { callId: row.call_id };
    return actor;
  }

  /** The operator as they are now in the content cache: still a member of that account, not disconnected. */
  member(userId: number, accountId: string): MemberActor | undefined {
    const user = this.ctx.content.user(userId);
    const role = user && roleOf(user);
    if (!user || !role || user.blocked || user.account !== accountId) return undefined;
    return { kind: 'user', userId, accountId, role };
  }
}
