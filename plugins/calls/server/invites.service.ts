import type { Socket } from 'socket.io';
import { HttpError, type Actor } from '../../../core/src/index.js';
import type { ChatService } from '../../chat/shared/chat.services.js';
import type { CallInvitation, CallJoin, InvitableOperator } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import { callRoom, ringRoom, type CallsRooms } from './calls.rooms.js';
import { eventBase, type CallsService } from './calls.service.js';
import { userName, type CallRow } from './calls.store.js';
import type { LegsService } from './legs.service.js';
import { invitedIn, sideOf } from './participants.js';

const notInCall = () => new HttpError(403, 'not_in_call', 'You are not taking part in this call');
const notActive = () => new HttpError(409, 'call_not_active', 'The call has not started or has already ended');
const unavailable = () => new HttpError(404, 'operator_unavailable', 'This operator cannot be invited: they are not online');
const gone = () => new HttpError(404, 'invite_not_found', 'The invitation to the call is no longer valid');

/**
 * D4: an operator in an active call invites another operator of the account. The invitation is a
 * row of `calls_invites` (one a call and invitee, so two invitations cannot ring twice) that rings
 * the invitee's panels (`call.invited`) for `ringTimeoutMs`; accepting deletes it — one
 * conditional DELETE, so of two panels of the invitee accepting at once one wins — adds the
 * invitee to the call's `participants` (they are on its operator side from then on: they may join
 * again from another device) and makes their leg. A decline or a timeout is told to the call's
 * legs (`call.invite.ended`), and the call goes on as it was; `operatorId` stays the one who answered.
 */
export class InvitesService {
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly ctx: CallsContext,
    private readonly chat: ChatService,
    private readonly calls: CallsService,
    private readonly legs: LegsService,
    private readonly rooms: CallsRooms,
  ) {}

  /** The account's operators online with a panel on /calls, neither busy (in a call, invited) nor in this call already. */
  async invitable(actor: Extract<Actor, { kind: 'user' }>, callId: string): Promise<InvitableOperator[]> {
    const row = await this.inCall(actor, callId);
    const online = await this.chat.onlineOperators(actor.accountId);
    const free = await this.free(row, online.map((o) => o.id));
    return online.filter((o) => free.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }

  async invite(actor: Extract<Actor, { kind: 'user' }>, callId: string, userId: number): Promise<null> {
    const row = await this.inCall(actor, callId);
    const online = await this.chat.onlineOperators(actor.accountId);
    // Another account's operator, a made-up id and an operator offline read alike: nothing to learn of other accounts.
    if (!online.some((o) => o.id === userId)) throw unavailable();
    if (!(await this.free(row, [userId])).has(userId)) {
      if (!(await this.calls.connectedToCalls([userId])).has(userId)) throw unavailable();
      throw new HttpError(409, 'operator_busy', 'The operator is already in a call or invited');
    }
    const now = this.ctx.clock.now();
    const expiresAt = now + this.ctx.options.ringTimeoutMs;
    try {
      await this.ctx.db.transaction(async (trx, after) => {
        await trx.insertInto('calls_invites').values({ call_id: row.id, user_id: userId, account_id: row.account_id, invited_by: actor.userId, expires_at: expiresAt }).execute();
        after.record('calls.call.invited', { ...eventBase(row, now), operatorId: actor.userId, inviteeId: userId });
      });
    } catch (err) {
      // The primary key: invited by someone else a moment ago (maybe on another process).
      if (await this.pending(row.id, userId)) throw new HttpError(409, 'operator_busy', 'The operator is already in a call or invited');
      throw err;
    }
    const invitation: CallInvitation = { call: this.calls.dto(row), invitedBy: userName(this.ctx, actor.userId), expiresAt: new Date(expiresAt).toISOString() };
    this.rooms.toRooms([ringRoom(userId)], 'call.invited', invitation);
    this.timers.set(
      key(row.id, userId),
      this.ctx.clock.after(this.ctx.options.ringTimeoutMs, () => void this.expire(row.id, userId).catch((err: unknown) => this.ctx.logger.warn({ err, callId }, 'could not end an invitation'))),
    );
    return null;
  }

  /** The invitee joins: the invitation goes (once), they become a participant, this socket their leg. */
  async accept(actor: Extract<Actor, { kind: 'user' }>, socket: Socket, callId: string): Promise<CallJoin> {
    const row = await this.calls.load(actor, callId);
    const claimed = await this.ctx.db.kysely
      .deleteFrom('calls_invites')
      .where('call_id', '=', row.id)
      .where('user_id', '=', actor.userId)
      .where('expires_at', '>', this.ctx.clock.now())
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) throw gone();
    this.cancel(row.id, actor.userId);
    if (row.state !== 'active') throw notActive();
    const joined = await this.calls.addParticipant(row.id, { userId: actor.userId });
    if (!joined) throw notActive();
    const join = await this.legs.join(actor, socket, joined);
    this.told(joined, actor.userId, 'accepted');
    return join;
  }

  async decline(actor: Extract<Actor, { kind: 'user' }>, callId: string): Promise<null> {
    const row = await this.calls.load(actor, callId);
    const { numDeletedRows } = await this.ctx.db.kysely.deleteFrom('calls_invites').where('call_id', '=', row.id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (Number(numDeletedRows) !== 1) throw gone();
    this.cancel(row.id, actor.userId);
    this.told(row, actor.userId, 'declined');
    return null;
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** An operator on the call's operator side, of an active call: who may invite. */
  private async inCall(actor: Actor, callId: string): Promise<CallRow> {
    const row = await this.calls.load(actor, callId);
    if (sideOf(row, actor) !== 'operator') throw notInCall();
    if (row.state !== 'active') throw notActive();
    return row;
  }

  /** Of these operators, those connected to /calls, not busy, not this call's already. */
  private async free(row: CallRow, userIds: number[]): Promise<Set<number>> {
    const connected = await this.calls.connectedToCalls(userIds);
    const busy = await this.calls.store.busyOperators(row.account_id, [...connected]);
    return new Set([...connected].filter((id) => !busy.has(id) && id !== row.operator_id && !invitedIn(row, id)));
  }

  private async pending(callId: string, userId: number): Promise<boolean> {
    return Boolean(await this.ctx.db.kysely.selectFrom('calls_invites').select('user_id').where('call_id', '=', callId).where('user_id', '=', userId).executeTakeFirst());
  }

  /** Rang out: the invitation goes if it is still there (not accepted or declined a moment ago). */
  private async expire(callId: string, userId: number): Promise<void> {
    this.timers.delete(key(callId, userId));
    const { numDeletedRows } = await this.ctx.db.kysely.deleteFrom('calls_invites').where('call_id', '=', callId).where('user_id', '=', userId).executeTakeFirst();
    const row = await this.calls.store.callById(callId);
    if (Number(numDeletedRows) === 1 && row) this.told(row, userId, 'timeout');
  }

  /** To the call's legs (the inviter's window) and to the invitee's panels (their pop-ups close). */
  private told(row: CallRow, userId: number, outcome: 'accepted' | 'declined' | 'timeout'): void {
    this.rooms.toRooms([callRoom(row.id), ringRoom(userId)], 'call.invite.ended', { callId: row.id, userId, name: userName(this.ctx, userId), outcome });
  }

  private cancel(callId: string, userId: number): void {
    this.timers.get(key(callId, userId))?.();
    this.timers.delete(key(callId, userId));
  }
}

const key = (callId: string, userId: number) => `${callId}:${userId}`;
