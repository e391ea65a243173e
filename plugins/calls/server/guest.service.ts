import { HttpError, type Actor } from '../../../core/src/index.js';
import type { CallGuestPass, CallHandover } from '../shared/calls.protocol.js';
import { claimLink, issueToken } from './call-tokens.js';
import type { CallsContext } from './calls.context.js';
import { eventBase, type CallsService } from './calls.service.js';
import type { HandoverService } from './handover.service.js';
import { sideOf } from './participants.js';

/** How long a guest may (re)connect to the call at most; the call's end revokes it first. */
const GRANT_TTL_MS = 12 * 60 * 60_000;

const invalid = () => new HttpError(404, 'guest_link_invalid', 'The participant link is not valid: it works once and for a short time');

/**
 * D4: a third participant without an account (a colleague, an interpreter). An operator in the
 * active call asks `call.guest.link` for a link `<panel>/call-guest/<token>` — single use,
 * `guestLinkTtlSeconds` long, bound to that call; the guest's page redeems it with their name
 * (`POST /api/calls/public/guest/<token>`) and gets a grant of kind `guest`: a socket token for
 * `/calls` with which they join that call as a `guest` leg and do nothing else (calls.sockets.ts).
 */
export class GuestService {
  constructor(
    private readonly ctx: CallsContext,
    private readonly calls: CallsService,
    private readonly handover: HandoverService,
  ) {}

  async link(actor: Extract<Actor, { kind: 'user' }>, callId: string): Promise<CallHandover> {
    const row = await this.calls.load(actor, callId);
    if (sideOf(row, actor) !== 'operator') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    if (row.state !== 'active') throw new HttpError(409, 'call_not_active', 'The call has not started or has already ended');
    const now = this.ctx.clock.now();
    const expiresAt = now + this.ctx.options.guestLinkTtlSeconds * 1000;
    const token = await this.ctx.db.transaction(async (trx, after) => {
      after.record('calls.call.invited', { ...eventBase(row, now), operatorId: actor.userId, inviteeId: null });
      return issueToken(trx, { kind: 'guestlnk', callId: row.id, accountId: row.account_id, userId: actor.userId, expiresAt });
    });
    return { url: `${new URL(this.ctx.publicUrl).origin}/call-guest/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Once, with the guest's name: a stale, reused or made-up link, or one whose call is no longer active, is refused alike. */
  async redeem(token: string, name: string): Promise<CallGuestPass> {
    const claimed = await claimLink(this.ctx, 'guestlnk', token);
    if (!claimed) throw invalid();
    const row = await this.calls.store.call(claimed.account_id, claimed.call_id);
    if (!this.handover.member(claimed.user_id, claimed.account_id) || !row || row.state !== 'active') throw invalid();
    const now = this.ctx.clock.now();
    const grant = await issueToken(this.ctx.db.kysely, { kind: 'guest', callId: row.id, accountId: row.account_id, userId: claimed.user_id, expiresAt: now + GRANT_TTL_MS, usedAt: now, name });
    return { token: grant, call: this.calls.dto(row) };
  }
}
