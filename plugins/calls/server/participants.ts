import type { Actor } from '../../../core/src/index.js';
import type { CallSide } from '../shared/calls.protocol.js';
import type { CallRow } from './calls.store.js';
import { rungIds } from './calls.store.js';

/** Which side of the call `actor` is on, if they take part in it (the operator in it; the visitor whose call it is). */
export function sideOf(row: CallRow, actor: Actor): CallSide | null {
  if (row.account_id !== actor.accountId) return null;
  if (actor.kind === 'visitor') return actor.visitorId === row.visitor_id ? 'visitor' : null;
  return row.operator_id === actor.userId ? 'operator' : null;
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
