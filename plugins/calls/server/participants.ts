import type { Actor } from '../../../core/src/index.js';
import type { CallSide } from '../shared/calls.protocol.js';
import type { CallRow } from './calls.store.js';
import { rungIds } from './calls.store.js';

/** D4: someone who joined besides the two sides: an invited operator, or a guest by link (their name). */
export type Participant = { userId: number } | { guest: string };

export const participantsOf = (row: Pick<CallRow, 'participants'>): Participant[] => JSON.parse(row.participants) as Participant[];

/** Whether `userId` joined the call by an invitation (so they may join it again from another device). */
export const invitedIn = (row: CallRow, userId: number): boolean => participantsOf(row).some((p) => 'userId' in p && p.userId === userId);

/** Which side of the call `actor` is on, if they take part in it (the operator in it or invited into it; the visitor whose call it is). */
export function sideOf(row: CallRow, actor: Actor): CallSide | null {
  if (row.account_id !== actor.accountId) return null;
  if (actor.kind === 'visitor') return actor.visitorId === row.visitor_id ? 'visitor' : null;
  return row.operator_id === actor.userId || invitedIn(row, actor.userId) ? 'operator' : null;
}

/** Whether a ringing call rings for `actor` (the visitor of an operator's call; one of the operators a visitor's call rang). */
export function ringsFor(row: CallRow, actor: Actor): boolean {
  if (row.state !== 'ringing' || row.account_id !== actor.accountId) return false;
  if (row.direction === 'operator-to-visitor') return actor.kind === 'visitor' && actor.visitorId === row.visitor_id;
  return actor.kind === 'user' && rungIds(row).includes(actor.userId);
}

/** The side that placed the call. */
export const callerSide = (row: CallRow): CallSide => (row.direction === 'operator-to-visitor' ? 'operator' : 'visitor');
export const otherSide = (side: CallSide): CallSide => (side === 'visitor' ? 'operator' : 'visitor');
