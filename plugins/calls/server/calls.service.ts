import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { HttpError, type Actor, type MemberActor } from '../../../core/src/index.js';
import type { ChatService } from '../../chat/shared/chat.services.js';
import type { DialogDto } from '../../chat/shared/chat.protocol.js';
import '../shared/calls.events.js';
import type { CallEventBase } from '../shared/calls.events.js';
import type { CallDto, CallEndReason, CallSide, CallState } from '../shared/calls.protocol.js';
import { postCallLine } from './call-line.js';
import type { CallsContext } from './calls.context.js';
import { callRoom, dialogRoom, ringRoom, type CallsRooms } from './calls.rooms.js';
import { mediaFor } from './media-backend.js';
import { CallsStore, rungIds, toCallDto, userName, type CallRow } from './calls.store.js';
import type { CallsTables } from './calls.tables.js';
import { callerSide, participantsOf, ringsFor, sideOf, type Participant } from './participants.js';

/** How often each core process looks for ringing calls whose process (and its timer) went away. */
const SWEEP_MS = 5000;

const notFound = () => new HttpError(404, 'call_not_found', 'No such call, or it has ended');

/**
 * The call state machine (ringing → active → ended), kept in `calls_calls` so that every core
 * process sees one truth: each transition is one conditional UPDATE (`where state = …`), so of two
 * operators accepting at once exactly one wins, and a call ends once however many ask. Timers
 * (ringing, the re-join grace) live in the process that armed them; a sweep of every process ends
 * ringing calls whose timer died with its process.
 */
export class CallsService {
  readonly store: CallsStore;
  private readonly ringTimers = new Map<string, () => void>();
  private stopSweep: (() => void) | undefined;
  private sweeping: Promise<void> | undefined;
  private sweepAgain = false;
  private stopped = false;
  private readonly endedListeners: ((row: CallRow) => Promise<void>)[] = [];

  constructor(
    private readonly ctx: CallsContext,
    private readonly chat: ChatService,
    private readonly rooms: CallsRooms,
  ) {
    this.store = new CallsStore(ctx);
  }

  dto(row: CallRow): CallDto {
    return toCallDto(this.ctx, row);
  }

  /** The actor's account's call, or `call_not_found` (another account's call reads as none: nothing is told or changed). */
  async load(actor: Actor, callId: string): Promise<CallRow> {
    const row = await this.store.call(actor.accountId, callId);
    if (!row) throw notFound();
    return row;
  }

  /** D1: an operator calls the visitor of a dialog of their account. */
  async startByOperator(actor: Extract<Actor, { kind: 'user' }>, dialogId: string, video: boolean): Promise<CallDto> {
    const dialog = await this.chat.getDialog(actor.accountId, dialogId);
    if (!dialog) throw new HttpError(404, 'dialog_not_found', 'No such dialog');
    if (dialog.status !== 'open') throw new HttpError(409, 'dialog_closed', 'The dialog is closed: calls are made in an open dialog');
    const row = await this.insert(actor.accountId, dialog, { direction: 'operator-to-visitor', video, operatorId: actor.userId, rung: [] });
    this.rooms.ringing(row, this.dto(row));
    return this.dto(row);
  }

  /**
   * D2: a visitor calls. Their dialog is opened if needed; it rings the dialog's assignee if their
   * panel is connected, else the online, connected operators of its department, else those of the
   * account — of each, only those not in a call already. Nobody to ring: a missed call at once
   * (the widget offers to leave a message).
   */
  async startByVisitor(actor: Extract<Actor, { kind: 'visitor' }>, video: boolean): Promise<CallDto> {
    const dialog = await this.chat.openDialog({ accountId: actor.accountId, visitorId: actor.visitorId, initiator: { kind: 'plugin', pluginId: this.ctx.id } });
    const rung = await this.whoToRing(actor.accountId, dialog);
    const row = await this.insert(actor.accountId, dialog, { direction: 'visitor-to-operator', video, operatorId: null, rung });
    if (!rung.length) return this.dto((await this.end(row.id, 'missed', null, ['ringing'])) ?? row);
    this.rooms.ringing(row, this.dto(row));
    return this.dto(row);
  }

  /** The callee takes the call: the first operator to accept a visitor's call gets it. Then `announceAnswered`. */
  async accept(actor: Actor, callId: string): Promise<CallRow> {
    const row = await this.load(actor, callId);
    if (!ringsFor(row, actor)) {
      if (row.state === 'ringing') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
      throw this.notRinging(row, actor);
    }
    const now = this.ctx.clock.now();
    const operatorId = actor.kind === 'user' ? actor.userId : row.operator_id;
    const answered = await this.ctx.db.transaction(async (trx, after) => {
      const updated = await trx
        .updateTable('calls_calls')
        .set({ state: 'active', answered_at: now, operator_id: operatorId })
        .where('id', '=', row.id)
        .where('state', '=', 'ringing')
        .returningAll()
        .executeTakeFirst();
      if (!updated) return undefined;
      after.record('calls.call.answered', { ...eventBase(updated, now), operatorId: operatorId!, waitMs: now - Number(updated.created_at) });
      return updated;
    });
    if (!answered) throw this.notRinging((await this.store.callById(row.id)) ?? row, actor);
    this.cancelRing(row.id);
    return answered;
  }

  /**
   * Tells everyone concerned that the call was answered — after the accepting device's leg is in
   * (calls.sockets.ts), so the caller joining on hearing it finds that leg in its CallJoin.
   */
  announceAnswered(row: CallRow): void {
    this.rooms.updated(row, this.dto(row));
  }

  /** The callee refuses while it rings. Of several operators rung, the call ends when the last declines. */
  async decline(actor: Actor, callId: string): Promise<CallDto> {
    const row = await this.load(actor, callId);
    if (!ringsFor(row, actor)) {
      if (row.state === 'ringing') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
      throw this.notRinging(row, actor);
    }
    if (actor.kind === 'visitor') return this.dtoOrCurrent(row, await this.end(row.id, 'declined', 'visitor', ['ringing']));
    return this.declineByOperator(row, actor.userId);
  }

  /** Ends the call for everyone: the caller cancelling while it rings, a callee declining, a participant hanging up. */
  async hangup(actor: Actor, callId: string): Promise<CallDto> {
    const row = await this.load(actor, callId);
    if (row.state === 'ended') return this.dto(row);
    if (row.state === 'ringing') {
      if (ringsFor(row, actor)) return this.decline(actor, callId);
      const side = sideOf(row, actor);
      if (side !== callerSide(row)) throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
      return this.dtoOrCurrent(row, await this.end(row.id, 'cancelled', side, ['ringing']));
    }
    const side = sideOf(row, actor);
    if (!side) throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    return this.dtoOrCurrent(row, await this.end(row.id, 'hangup', side, ['active']));
  }

  /** The live calls the actor rings for or takes part in (`only`: a hand-over grant's one call). */
  async mine(actor: Actor, only?: string): Promise<CallDto[]> {
    const rows = actor.kind === 'visitor' ? await this.store.liveOfVisitor(actor.accountId, actor.visitorId) : await this.store.liveOfAccount(actor.accountId);
    return rows.filter((r) => (only === undefined || r.id === only) && (sideOf(r, actor) !== null || ringsFor(r, actor))).map((r) => this.dto(r));
  }

  /**
   * Ends a call if it is in one of `from` (and, with `unlessLegsOf`, only if that side has no leg):
   * one conditional UPDATE, so it ends once. Its legs and hand-over tokens go, the ended event is
   * recorded with it, everyone concerned is told, and the dialog gets its line. Null: it was not
   * (or no longer) in such a state.
   */
  async end(callId: string, reason: CallEndReason, endedBy: CallSide | null, from: CallState[], unlessLegsOf?: CallSide): Promise<CallRow | null> {
    const now = this.ctx.clock.now();
    let invitees: number[] = [];
    const ended = await this.ctx.db.transaction(async (trx, after) => {
      let update = trx
        .updateTable('calls_calls')
        .set({ state: 'ended', ended_at: now, end_reason: reason, ended_by: endedBy, recording_id: null })
        .where('id', '=', callId)
        .where('state', 'in', from);
      if (unlessLegsOf) {
        update = update.where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('calls_legs').select('calls_legs.id').whereRef('calls_legs.call_id', '=', 'calls_calls.id').where('calls_legs.side', '=', unlessLegsOf))),
        );
      }
      const row = await update.returningAll().executeTakeFirst();
      if (!row) return undefined;
      invitees = await this.forget(trx, callId);
      const answeredAt = row.answered_at === null ? null : Number(row.answered_at);
      after.record('calls.call.ended', {
        ...eventBase(row, now),
        operatorId: row.operator_id,
        reason,
        endedBy,
        waitMs: (answeredAt ?? now) - Number(row.created_at),
        durationMs: answeredAt === null ? 0 : now - answeredAt,
      });
      return row;
    });
    if (!ended) return null;
    this.cancelRing(callId);
    const dto = this.dto(ended);
    // Operators invited and not answered yet hear it too: their pop-ups close (D4).
    this.rooms.updated(ended, dto, invitees.map(ringRoom));
    this.ctx.realtime.namespace.in(callRoom(callId)).socketsLeave([callRoom(callId), dialogRoom(ended.dialog_id)]);
    await postCallLine(this.chat, ended, userName(this.ctx, ended.operator_id), dto.participants).catch((err: unknown) => this.ctx.logger.warn({ err, callId }, 'could not post the call line'));
    for (const listener of this.endedListeners) await listener(ended).catch((err: unknown) => this.ctx.logger.warn({ err, callId }, 'an ended call listener failed'));
    return ended;
  }

  /** Told once a call has ended (its recording under way stops with it: recordings.service.ts). */
  onEnded(listener: (row: CallRow) => Promise<void>): void {
    this.endedListeners.push(listener);
  }

  /** A deleted site's calls go with it (its dialogs do, in the chat): no line to post, nobody left to tell. */
  async removeSite(siteId: string): Promise<void> {
    const calls = this.ctx.db.kysely.selectFrom('calls_calls').select('id').where('site_id', '=', siteId);
    for (const { id } of await calls.execute()) this.cancelRing(id);
    await this.ctx.db.transaction(async (trx) => {
      await trx.deleteFrom('calls_legs').where('call_id', 'in', trx.selectFrom('calls_calls').select('id').where('site_id', '=', siteId)).execute();
      await trx.deleteFrom('calls_tokens').where('call_id', 'in', trx.selectFrom('calls_calls').select('id').where('site_id', '=', siteId)).execute();
      await trx.deleteFrom('calls_invites').where('call_id', 'in', trx.selectFrom('calls_calls').select('id').where('site_id', '=', siteId)).execute();
      await trx.deleteFrom('calls_calls').where('site_id', '=', siteId).execute();
    });
  }

  /** Starts the sweep of overdue ringing calls (this process's timers cover its own; this covers the rest). */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.stopSweep = this.ctx.clock.after(SWEEP_MS, tick);
      this.requestSweep();
    };
    this.stopSweep = this.ctx.clock.after(SWEEP_MS, tick);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopSweep?.();
    for (const cancel of this.ringTimers.values()) cancel();
    this.ringTimers.clear();
    await this.sweeping;
  }

  /** One sweep at a time; asked for while one runs, another runs after it (reading the time then). */
  private requestSweep(): void {
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = this.sweep()
      .catch((err: unknown) => this.ctx.logger.warn({ err }, 'calls sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.sweepAgain && !this.stopped) {
          this.sweepAgain = false;
          this.requestSweep();
        }
      });
  }

  private async sweep(): Promise<void> {
    for (const { id } of await this.store.overdue(this.ctx.clock.now())) await this.expire(id);
  }

  /** Ringing past its deadline: `timeout` for an operator's call, `missed` for a visitor's. */
  private async expire(callId: string): Promise<void> {
    this.ringTimers.delete(callId);
    const row = await this.store.callById(callId);
    if (!row || row.state !== 'ringing') return;
    const left = Number(row.ring_deadline) - this.ctx.clock.now();
    if (left > 0) return this.armRing(callId, left);
    await this.end(callId, row.direction === 'operator-to-visitor' ? 'timeout' : 'missed', null, ['ringing']);
  }

  private armRing(callId: string, ms: number): void {
    this.cancelRing(callId);
    this.ringTimers.set(
      callId,
      this.ctx.clock.after(ms, () => void this.expire(callId).catch((err: unknown) => this.ctx.logger.warn({ err, callId }, 'could not end a call that rang out'))),
    );
  }

  private cancelRing(callId: string): void {
    this.ringTimers.get(callId)?.();
    this.ringTimers.delete(callId);
  }

  private async insert(accountId: string, dialog: DialogDto, call: { direction: CallRow['direction']; video: boolean; operatorId: number | null; rung: number[] }): Promise<CallRow> {
    const now = this.ctx.clock.now();
    const row: CallRow = {
      id: randomUUID(),
      account_id: accountId,
      site_id: dialog.siteId,
      dialog_id: dialog.id,
      visitor_id: dialog.visitorId,
      visitor_name: dialog.visitorName.slice(0, 200),
      direction: call.direction,
      state: 'ringing',
      video: call.video ? 1 : 0,
      operator_id: call.operatorId,
      rung_ids: JSON.stringify(call.rung),
      created_at: now,
      ring_deadline: now + this.ctx.options.ringTimeoutMs,
      answered_at: null,
      ended_at: null,
      end_reason: null,
      ended_by: null,
      legs_seq: 0,
      participants: '[]',
      recording_id: null,
      ...mediaFor(this.ctx, accountId),
    };
    try {
      await this.ctx.db.transaction(async (trx, after) => {
        await trx.insertInto('calls_calls').values(row).execute();
        after.record('calls.call.started', { ...eventBase(row, now), operatorId: call.operatorId, video: call.video });
      });
    } catch (err) {
      // The partial unique index: the dialog has a live call already (maybe started a moment ago on another process).
      const live = await this.ctx.db.kysely.selectFrom('calls_calls').select('id').where('dialog_id', '=', dialog.id).where('state', '<>', 'ended').executeTakeFirst();
      if (live) throw new HttpError(409, 'call_in_progress', 'There is already a call in this dialog');
      throw err;
    }
    this.armRing(row.id, this.ctx.options.ringTimeoutMs);
    return row;
  }

  private async whoToRing(accountId: string, dialog: DialogDto): Promise<number[]> {
    const online = await this.chat.onlineOperatorsWithDepartments(accountId, dialog.siteId);
    const connected = await this.connectedToCalls(online.map((o) => o.id));
    // An operator already in a call (or calling) is not rung: their pop-up would offer a second call they cannot take.
    const busy = await this.store.busyOperators(accountId, [...connected]);
    const reachable = online.filter((o) => connected.has(o.id) && !busy.has(o.id));
    if (dialog.assigneeId !== null && connected.has(dialog.assigneeId) && !busy.has(dialog.assigneeId)) return [dialog.assigneeId];
    const department = dialog.departmentId === null ? [] : reachable.filter((o) => o.departmentIds.includes(dialog.departmentId!));
    return (department.length ? department : reachable).map((o) => o.id);
  }

  /**
   * D4: someone joins besides the two sides (an invited operator, a guest by link), once; a
   * compare-and-set on the list, so two joining at once both count. The call as it is then, or
   * null if it is no longer active.
   */
  async addParticipant(callId: string, who: Participant): Promise<CallRow | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.store.callById(callId);
      if (!current || current.state !== 'active') return null;
      const list = participantsOf(current);
      if (list.some((p) => JSON.stringify(p) === JSON.stringify(who))) return current;
      const participants = JSON.stringify([...list, who]);
      const { numUpdatedRows } = await this.ctx.db.kysely
        .updateTable('calls_calls')
        .set({ participants })
        .where('id', '=', callId)
        .where('state', '=', 'active')
        .where('participants', '=', current.participants)
        .executeTakeFirst();
      if (Number(numUpdatedRows) === 1) return { ...current, participants };
    }
    return null;
  }

  /** Which of these operators have a panel on /calls (one fetchSockets, which the Redis adapter spans). */
  async connectedToCalls(userIds: number[]): Promise<Set<number>> {
    if (!userIds.length) return new Set();
    const sockets = await this.ctx.realtime.namespace.in(userIds.map(ringRoom)).fetchSockets();
    return new Set(sockets.flatMap((s) => ((s.data as { actor?: Actor }).actor?.kind === 'user' ? [(s.data as { actor: MemberActor }).actor.userId] : [])));
  }

  /** One operator of several drops out; the call ends `declined` when nobody is left to ring. */
  private async declineByOperator(row: CallRow, userId: number): Promise<CallDto> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = attempt === 0 ? row : await this.store.callById(row.id);
      if (!current || current.state !== 'ringing') return this.dto(current ?? row);
      const rest = rungIds(current).filter((id) => id !== userId);
      if (!rest.length) return this.dtoOrCurrent(current, await this.end(row.id, 'declined', 'operator', ['ringing']));
      // Compare-and-set on the list: two operators declining at once both count.
      const { numUpdatedRows } = await this.ctx.db.kysely
        .updateTable('calls_calls')
        .set({ rung_ids: JSON.stringify(rest) })
        .where('id', '=', row.id)
        .where('state', '=', 'ringing')
        .where('rung_ids', '=', current.rung_ids)
        .executeTakeFirst();
      if (Number(numUpdatedRows) === 1) {
        const updated = { ...current, rung_ids: JSON.stringify(rest) };
        // The decliner's other panels close their pop-ups too: it no longer rings for them.
        this.rooms.updated(updated, this.dto(updated), [ringRoom(userId)]);
        return this.dto(updated);
      }
    }
    throw new HttpError(409, 'call_not_ringing', 'The call no longer rings: it was answered or has ended');
  }

  private notRinging(row: CallRow, actor: Actor): HttpError {
    if (row.state === 'active' && row.direction === 'visitor-to-operator' && actor.kind === 'user' && row.operator_id !== actor.userId) {
      return new HttpError(409, 'call_taken', 'Another operator has already answered the call');
    }
    return new HttpError(409, 'call_not_ringing', 'The call no longer rings: it was answered or has ended');
  }

  private dtoOrCurrent(row: CallRow, ended: CallRow | null): CallDto {
    return this.dto(ended ?? row);
  }

  /** An ended call's legs, tokens and invitations: nothing of it can be joined or redeemed any more. Answers who was still invited. */
  private async forget(trx: Transaction<CallsTables>, callId: string): Promise<number[]> {
    await trx.deleteFrom('calls_legs').where('call_id', '=', callId).execute();
    await trx.deleteFrom('calls_tokens').where('call_id', '=', callId).execute();
    const invites = await trx.deleteFrom('calls_invites').where('call_id', '=', callId).returning('user_id').execute();
    return invites.map((i) => i.user_id);
  }
}

export function eventBase(row: CallRow, now: number): CallEventBase {
  return {
    accountId: row.account_id,
    siteId: row.site_id,
    callId: row.id,
    dialogId: row.dialog_id,
    visitorId: row.visitor_id,
    direction: row.direction as CallEventBase['direction'],
    at: new Date(now).toISOString(),
  };
}
