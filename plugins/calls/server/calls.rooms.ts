import type { Namespace } from 'socket.io';
import type { CallDto, CallLeg, CallsToClient } from '../shared/calls.protocol.js';
import type { CallRow } from './calls.store.js';
import { rungIds } from './calls.store.js';

/**
 * Who hears what on `/calls`. Rooms span every core process through the Redis adapter, so the
 * process that changed a call tells everyone once. `visitor:<id>` (the core's) is every open page
 * of the visitor; `ring:<userId>` every panel of an operator (not a phone holding a hand-over
 * grant: it hears its call only); `call:<id>` the sockets holding a leg of the call; `call-dialog:<dialogId>` those of them that are
 * operators' legs (the call window's chat).
 */
export const ringRoom = (userId: number) => `ring:${userId}`;
export const callRoom = (callId: string) => `call:${callId}`;
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
/** The operators' legs of a dialog's live call: where the dialog's messages reach the call window (D4). */
export const dialogRoom = (dialogId: string) => `call-dialog:${dialogId}`;

export class CallsRooms {
  constructor(private readonly ns: Namespace) {}

  /** Everyone a call's state concerns: the visitor's pages, the operator(s) it rang or holds, its legs. */
  private concerned(row: CallRow): string[] {
    const operators = new Set([...rungIds(row), ...(row.operator_id === null ? [] : [row.operator_id])]);
    return [visitorRoom(row.visitor_id), callRoom(row.id), ...[...operators].map(ringRoom)];
  }

  ringing(row: CallRow, dto: CallDto): void {
    const to = row.direction === 'operator-to-visitor' ? [visitorRoom(row.visitor_id)] : rungIds(row).map(ringRoom);
    if (to.length) this.toRooms(to, 'call.ringing', dto);
  }

  /** `extra`: rooms that must hear it too (an operator who declined is no longer among the rung). */
  updated(row: CallRow, dto: CallDto, extra: string[] = []): void {
    this.toRooms([...this.concerned(row), ...extra], 'call.updated', dto);
  }

  /** `alsoTo`: sockets that must hear it though no longer in the call's room (legs just removed). */
  legs(callId: string, legs: CallLeg[], seq: number, alsoTo: string[] = []): void {
    this.toRooms([callRoom(callId), ...alsoTo], 'call.legs', { callId, legs, seq });
  }

  /** To one leg's socket (its own room, which the adapter spans). */
  toSocket<E extends keyof CallsToClient>(socketId: string, event: E, payload: CallsToClient[E]): void {
    this.ns.to(socketId).emit(event, payload);
  }

  /** To these rooms (of any process): D4's invitations and their ends too. */
  toRooms<E extends keyof CallsToClient>(rooms: string[], event: E, payload: CallsToClient[E]): void {
    this.ns.to(rooms).emit(event, payload);
  }

}
