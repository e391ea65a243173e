import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io';
import { HttpError, roleOf, type Actor, type MemberActor } from '../../../core/src/index.js';
import type { CallDto, CallHandover } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import type { CallsService } from './calls.service.js';
import { ringsFor, sideOf } from './participants.js';

/** How long a redeemed hand-over lets the phone (re)connect to its call at most; the call's end revokes it first. */
const GRANT_TTL_MS = 12 * 60 * 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const invalid = () => new HttpError(404, 'handover_invalid', 'The hand-over link is not valid: it works once and for a short time');

/** What a phone's socket holds after redeeming a hand-over: it may act on this call only. */
export interface HandoverGrant {
  callId: string;
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
    const token = newToken();
    const expiresAt = this.ctx.clock.now() + this.ctx.options.handoverTtlSeconds * 1000;
    await this.ctx.db.kysely
      .insertInto('calls_tokens')
      .values({ token_hash: hash(token), kind: 'link', call_id: row.id, account_id: row.account_id, user_id: actor.userId, expires_at: expiresAt, used_at: null })
      .execute();
    return { url: `${new URL(this.ctx.publicUrl).origin}/call/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Redeems a link once: a stale, reused or unknown one is refused alike, so none can be probed. */
  async redeem(token: string): Promise<{ token: string; call: CallDto }> {
    const now = this.ctx.clock.now();
    const claimed = await this.ctx.db.kysely
      .updateTable('calls_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash(token))
      .where('kind', '=', 'link')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw invalid();
    const actor = this.member(claimed.user_id, claimed.account_id);
    const row = await this.calls.store.call(claimed.account_id, claimed.call_id);
    if (!actor || !row || row.state === 'ended') throw invalid();
    const grant = newToken();
    await this.ctx.db.kysely
      .insertInto('calls_tokens')
      .values({ token_hash: hash(grant), kind: 'grant', call_id: row.id, account_id: row.account_id, user_id: actor.userId, expires_at: now + GRANT_TTL_MS, used_at: now })
      .execute();
    return { token: grant, call: this.calls.dto(row) };
  }

  /** `/calls`'s resolver of grants (acceptTokens): the operator, with the grant kept on the socket. */
  async resolve(token: string, socket: Socket): Promise<MemberActor | undefined> {
    const row = await this.ctx.db.kysely
      .selectFrom('calls_tokens')
      .selectAll()
      .where('token_hash', '=', hash(token))
      .where('kind', '=', 'grant')
      .where('expires_at', '>', this.ctx.clock.now())
      .executeTakeFirst();
    const actor = row && this.member(row.user_id, row.account_id);
    if (!row || !actor) return undefined;
    (socket.data as { grant?: HandoverGrant }).grant = { callId: row.call_id };
    return actor;
  }

  /** The operator as they are now in the content cache: still a member of that account, not disconnected. */
  private member(userId: number, accountId: string): MemberActor | undefined {
    const user = this.ctx.content.user(userId);
    const role = user && roleOf(user);
    if (!user || !role || user.blocked || user.account !== accountId) return undefined;
    return { kind: 'user', userId, accountId, role };
  }
}
