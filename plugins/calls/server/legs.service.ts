import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import { HttpError, type Actor } from '../../../core/src/index.js';
import type { CallJoin, CallSide, CallsFromClient, LegMedia, LegSide } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import { callRoom, dialogRoom, type CallsRooms } from './calls.rooms.js';
import type { CallsService } from './calls.service.js';
import { toLeg, userName, type CallRow, type LegRow } from './calls.store.js';
import { grantOf } from './handover.service.js';
import { otherSide, sideOf } from './participants.js';
import { jitsiRoomOf } from './media-backend.js';
import { iceServersFor } from './turn-credentials.js';

const NO_MEDIA: LegMedia = { audio: false, video: false, screen: false };
const notInCall = () => new HttpError(403, 'not_in_call', 'You are not taking part in this call');
const notActive = () => new HttpError(409, 'call_not_active', 'The call has not started or has already ended');

/**
 * The devices in an active call (legs) and the signalling between them. A leg is one socket: it
 * goes when its socket goes. A side left with no leg gets a grace period to come back (the
 * visitor's next page joins again from `calls.mine`); after it the call ends as `left`.
 */
export class LegsService {
  private readonly graceTimers = new Map<string, () => void>();
  /** Each socket's signals in flight, chained (a socket's entry goes with the socket). */
  private readonly relays = new WeakMap<Socket, Promise<unknown>>();
  /** Each call's leg list being read and told, chained (see tellLegs). */
  private readonly telling = new Map<string, Promise<unknown>>();
  private readonly goneListeners: ((legs: LegRow[]) => Promise<void>)[] = [];
  private readonly offers;
  private readonly signals;

  constructor(
    private readonly ctx: CallsContext,
    private readonly calls: CallsService,
    private readonly rooms: CallsRooms,
  ) {
    this.offers = ctx.rateLimits.limiter('offers', ctx.options.limits.offersPerMinute, 60);
    this.signals = ctx.rateLimits.limiter('signals', ctx.options.limits.signalsPerMinute, 60);
  }

  /** Adds this socket as a leg of the actor's side of an active call (the callee accepting, the caller or a new page joining). */
  async join(actor: Actor, socket: Socket, row: CallRow): Promise<CallJoin> {
    if (row.state !== 'active') throw notActive();
    const side = partOf(row, actor, socket);
    if (!side) throw notInCall();
    const guest = grantOf(socket)?.guest;
    if (guest !== undefined && !(await this.calls.addParticipant(row.id, { guest }))) throw notActive();
    const leg: LegRow = {
      id: randomUUID(),
      call_id: row.id,
      side,
      user_id: actor.kind === 'user' && side === 'operator' ? actor.userId : null,
      socket_id: socket.id,
      media: JSON.stringify(NO_MEDIA),
      joined_at: this.ctx.clock.now(),
      name: guest ?? (actor.kind === 'user' ? userName(this.ctx, actor.userId) : null),
    };
    await this.ctx.db.kysely.insertInto('calls_legs').values(leg).execute();
    // An operator's leg also hears the dialog's messages (the call window's chat, D4).
    const rooms = side === 'operator' ? [callRoom(row.id), dialogRoom(row.dialog_id)] : [callRoom(row.id)];
    await socket.join(rooms);
    // The call may have ended between the check and the insert (on another process): take the leg back.
    const current = await this.calls.store.callById(row.id);
    if (!current || current.state !== 'active') {
      await this.ctx.db.kysely.deleteFrom('calls_legs').where('id', '=', leg.id).execute();
      for (const room of rooms) await socket.leave(room);
      throw notActive();
    }
    if (side !== 'guest') this.cancelGrace(row.id, side);
    const { legs, seq } = await this.tellLegs(row.id);
    // The other side must join in its turn (the caller after the answer): its grace starts now.
    if (side !== 'guest' && !legs.some((l) => l.side === otherSide(side))) this.armGrace(row.id, otherSide(side));
    return {
      call: this.calls.dto(current),
      legId: leg.id,
      legs: legs.map(toLeg),
      legsSeq: seq,
      iceServers: iceServersFor(this.ctx.options, leg.id, this.ctx.clock.now()),
      iceTransportPolicy: this.ctx.options.iceTransportPolicy,
      jitsi: jitsiRoomOf(this.ctx, current),
    };
  }

  /** A leg leaves without ending the call (the desktop once the phone's media flows). */
  async leave(actor: Actor, socket: Socket, input: CallsFromClient['call.leave']): Promise<null> {
    const row = await this.calls.load(actor, input.callId);
    if (!partOf(row, actor, socket)) throw notInCall();
    const leg = await this.ownLeg(row, actor, socket, input.legId);
    await this.remove([leg]);
    return null;
  }

  /**
   * D4: someone who joined besides the two sides hangs up — they leave, the call goes on: a guest's
   * legs on this socket, an invited operator's legs on every device. The call as it is.
   */
  async leaveCall(actor: Extract<Actor, { kind: 'user' }>, socket: Socket, row: CallRow): Promise<CallRow> {
    let legs = this.ctx.db.kysely.selectFrom('calls_legs').selectAll().where('call_id', '=', row.id);
    legs = grantOf(socket)?.guest !== undefined ? legs.where('socket_id', '=', socket.id) : legs.where('user_id', '=', actor.userId);
    const mine = await legs.execute();
    if (mine.length) await this.remove(mine);
    return row;
  }

  /** A socket went away: its legs go, and each side left empty gets its grace period. */
  async socketGone(socketId: string): Promise<void> {
    const legs = await this.ctx.db.kysely.selectFrom('calls_legs').selectAll().where('socket_id', '=', socketId).execute();
    if (legs.length) await this.remove(legs);
  }

  /**
   * Relays a negotiation message between two legs of one call, in the order the socket sent them:
   * each event is checked with queries of its own, and a candidate checked faster than the offer
   * before it would reach the other leg first (which then fails to apply it). One queue a socket.
   */
  signal(actor: Actor, socket: Socket, input: CallsFromClient['call.signal']): Promise<null> {
    const run = (this.relays.get(socket) ?? Promise.resolve()).then(() => this.relay(actor, socket, input));
    this.relays.set(socket, run.catch(() => undefined));
    return run;
  }

  /** The sender must own `from` on this very socket, `to` must be another leg of the same call; offers are limited per leg. */
  private async relay(actor: Actor, socket: Socket, input: CallsFromClient['call.signal']): Promise<null> {
    const row = await this.calls.load(actor, input.callId);
    if (!partOf(row, actor, socket)) throw notInCall();
    if (row.state !== 'active') throw notActive();
    const legs = await this.ctx.db.kysely.selectFrom('calls_legs').selectAll().where('call_id', '=', row.id).where('id', 'in', [input.from, input.to]).execute();
    const from = legs.find((l) => l.id === input.from);
    if (!from || from.socket_id !== socket.id) throw new HttpError(403, 'leg_not_yours', 'This connection to the call is not yours');
    const to = legs.find((l) => l.id === input.to);
    if (!to || to.id === from.id) throw new HttpError(404, 'leg_unknown', 'The call has no such connection');
    if ('description' in input.signal && input.signal.description.type === 'offer') await this.ctx.rateLimits.consume(this.offers, from.id);
    await this.ctx.rateLimits.consume(this.signals, from.id);
    this.rooms.toSocket(to.socket_id, 'call.signal', input);
    return null;
  }

  /** What a leg sends now (microphone, camera, screen): the other legs redraw. */
  async media(actor: Actor, socket: Socket, input: CallsFromClient['call.media']): Promise<null> {
    const row = await this.calls.load(actor, input.callId);
    if (!partOf(row, actor, socket)) throw notInCall();
    if (row.state !== 'active') throw notActive();
    const leg = await this.ownLeg(row, actor, socket, input.legId);
    await this.ctx.db.kysely.updateTable('calls_legs').set({ media: JSON.stringify(input.media) }).where('id', '=', leg.id).execute();
    await this.tellLegs(row.id);
    return null;
  }

  /** E6: an operator in the call asks to see the visitor's screen; the visitor's legs ask the visitor. */
  async askScreen(actor: Actor, callId: string): Promise<null> {
    const row = await this.activeOn(actor, callId, 'operator');
    for (const leg of await this.legsOf(row.id, 'visitor')) {
      this.rooms.toSocket(leg.socket_id, 'call.screen.asked', { callId, operatorName: userName(this.ctx, row.operator_id) });
    }
    return null;
  }

  /** E6: the visitor's answer, to the operator's legs. */
  async answerScreen(actor: Actor, callId: string, allow: boolean): Promise<null> {
    const row = await this.activeOn(actor, callId, 'visitor');
    for (const leg of await this.legsOf(row.id, 'operator')) this.rooms.toSocket(leg.socket_id, 'call.screen.answered', { callId, allow });
    return null;
  }

  /** Told when legs went (left or their socket gone): a recording made on such a device stops. */
  onGone(listener: (legs: LegRow[]) => Promise<void>): void {
    this.goneListeners.push(listener);
  }

  stop(): void {
    for (const cancel of this.graceTimers.values()) cancel();
    this.graceTimers.clear();
  }

  private async activeOn(actor: Actor, callId: string, side: CallSide): Promise<CallRow> {
    const row = await this.calls.load(actor, callId);
    if (sideOf(row, actor) !== side) throw notInCall();
    if (row.state !== 'active') throw notActive();
    return row;
  }

  private legsOf(callId: string, side: CallSide): Promise<LegRow[]> {
    return this.ctx.db.kysely.selectFrom('calls_legs').selectAll().where('call_id', '=', callId).where('side', '=', side).execute();
  }

  /** A leg of the call that is the actor's: their side, and their own user for an operator; a guest's own socket's. */
  private async ownLeg(row: CallRow, actor: Actor, socket: Socket, legId: string): Promise<LegRow> {
    const leg = await this.ctx.db.kysely.selectFrom('calls_legs').selectAll().where('id', '=', legId).where('call_id', '=', row.id).executeTakeFirst();
    const side = partOf(row, actor, socket);
    const mine = leg && leg.side === side && (side === 'guest' ? leg.socket_id === socket.id : actor.kind === 'visitor' || leg.user_id === actor.userId);
    if (!leg || !mine) throw new HttpError(403, 'leg_not_yours', 'This connection to the call is not yours');
    return leg;
  }

  private async remove(legs: LegRow[]): Promise<void> {
    await this.ctx.db.kysely.deleteFrom('calls_legs').where('id', 'in', legs.map((l) => l.id)).execute();
    for (const listener of this.goneListeners) await listener(legs).catch((err: unknown) => this.ctx.logger.warn({ err }, 'a gone legs listener failed'));
    const ns = this.ctx.realtime.namespace;
    for (const callId of new Set(legs.map((l) => l.call_id))) {
      const removed = legs.filter((l) => l.call_id === callId);
      // The removed legs' sockets hear the new list too (the desktop let go after a hand-over learns it from it)…
      const { legs: rest } = await this.tellLegs(callId, [...new Set(removed.map((l) => l.socket_id))]);
      // …and then a socket with no leg left in the call stops hearing it.
      const gone = removed.filter((l) => !rest.some((r) => r.socket_id === l.socket_id));
      for (const leg of gone) ns.in(leg.socket_id).socketsLeave(callRoom(callId));
      // A guest going leaves the call as it is: only the two sides keep it (D4).
      for (const side of new Set(removed.map((l) => l.side as LegSide))) {
        if (side !== 'guest' && !rest.some((r) => r.side === side)) this.armGrace(callId, side);
      }
      // An operator's device let go no longer hears the dialog's messages either (after the grace is armed: that must not wait for a query).
      const operators = gone.filter((l) => l.side === 'operator');
      const dialogId = operators.length ? (await this.calls.store.callById(callId))?.dialog_id : undefined;
      if (dialogId) for (const leg of operators) ns.in(leg.socket_id).socketsLeave(dialogRoom(dialogId));
    }
  }

  /**
   * Reads a call's legs and tells them to its legs (and to `alsoTo`, sockets of legs just removed,
   * so a device let go learns it), one call's turns in order: two legs joining at once each read and
   * tell after the other's read, so the last list told is never one leg short. Each list carries
   * the call's next `legs_seq`, taken in the same transaction as the read (the row's lock orders
   * two processes' readings), so where two tellings cross on the way (several processes) a client
   * keeps the newest list and drops an older one that comes after it.
   */
  private tellLegs(callId: string, alsoTo: string[] = []): Promise<{ legs: LegRow[]; seq: number }> {
    const next = (this.telling.get(callId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const told = await this.ctx.db.transaction(async (trx) => {
          const bumped = await trx.updateTable('calls_calls').set((eb) => ({ legs_seq: eb('legs_seq', '+', 1) })).where('id', '=', callId).returning('legs_seq').executeTakeFirst();
          const legs = await trx.selectFrom('calls_legs').selectAll().where('call_id', '=', callId).orderBy('joined_at').orderBy('id').execute();
          return { legs, seq: Number(bumped?.legs_seq ?? 0) };
        });
        this.rooms.legs(callId, told.legs.map(toLeg), told.seq, alsoTo);
        return told;
      });
    this.telling.set(callId, next);
    next
      .finally(() => {
        if (this.telling.get(callId) === next) this.telling.delete(callId);
      })
      .catch(() => undefined);
    return next;
  }

  private armGrace(callId: string, side: CallSide): void {
    const key = `${callId}:${side}`;
    this.cancelGrace(callId, side);
    this.graceTimers.set(
      key,
      this.ctx.clock.after(this.ctx.options.rejoinGraceMs, () => {
        this.graceTimers.delete(key);
        void this.calls.end(callId, 'left', side, ['active'], side).catch((err: unknown) => this.ctx.logger.warn({ err, callId }, 'could not end a call its side left'));
      }),
    );
  }

  private cancelGrace(callId: string, side: CallSide): void {
    const key = `${callId}:${side}`;
    this.graceTimers.get(key)?.();
    this.graceTimers.delete(key);
  }
}

/** The leg kind `actor` on `socket` takes in the call: a guest's grant (D4) is a guest of its call whoever made the link; else their side. */
function partOf(row: CallRow, actor: Actor, socket: Socket): LegSide | null {
  const grant = grantOf(socket);
  if (grant?.guest !== undefined) return grant.callId === row.id ? 'guest' : null;
  return sideOf(row, actor);
}
