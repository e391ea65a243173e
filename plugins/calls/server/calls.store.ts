import type { Selectable } from 'kysely';
import type { CallDirection, CallDto, CallEndReason, CallLeg, CallSide, CallState, LegMedia, LegSide } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import type { CallsTables } from './calls.tables.js';

export type CallRow = Selectable<CallsTables['calls_calls']>;
export type LegRow = Selectable<CallsTables['calls_legs']>;

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** A user's name as the panel shows it (first and last name, else the address). */
export function userName(ctx: Pick<CallsContext, 'content'>, userId: number | null): string | null {
  if (userId === null) return null;
  const user = ctx.content.user(userId);
  if (!user) return null;
  return [user.firstName, user.lastName].filter(Boolean).join(' ').trim() || user.email;
}

export const rungIds = (row: CallRow): number[] => JSON.parse(row.rung_ids) as number[];

/** The names of who joined besides the two sides (participants.ts's `Participant`, read here to keep the store free of it). */
function participantNames(ctx: Pick<CallsContext, 'content'>, row: CallRow): string[] {
  const list = JSON.parse(row.participants) as ({ userId: number } | { guest: string })[];
  return list.flatMap((p) => {
    const name = 'guest' in p ? p.guest : userName(ctx, p.userId);
    return name ? [name] : [];
  });
}

export function toCallDto(ctx: Pick<CallsContext, 'content'>, row: CallRow): CallDto {
  return {
    id: row.id,
    siteId: row.site_id,
    dialogId: row.dialog_id,
    visitorId: row.visitor_id,
    visitorName: row.visitor_name,
    direction: row.direction as CallDirection,
    state: row.state as CallState,
    video: Boolean(row.video),
    operatorId: row.operator_id,
    operatorName: userName(ctx, row.operator_id),
    createdAt: iso(row.created_at)!,
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    endReason: row.end_reason as CallEndReason | null,
    endedBy: row.ended_by as CallSide | null,
    recording: row.recording_id !== null,
    backend: row.backend === 'jitsi' ? 'jitsi' : 'webrtc',
    participants: participantNames(ctx, row),
  };
}

export const toLeg = (row: LegRow): CallLeg => ({ id: row.id, side: row.side as LegSide, userId: row.user_id, name: row.name, media: JSON.parse(row.media) as LegMedia });

/** The plugin's reads and conditional writes of calls and legs; every read of a call names its account. */
export class CallsStore {
  constructor(private readonly ctx: CallsContext) {}

  get db() {
    return this.ctx.db.kysely;
  }

  call(accountId: string, callId: string): Promise<CallRow | undefined> {
    return this.db.selectFrom('calls_calls').selectAll().where('id', '=', callId).where('account_id', '=', accountId).executeTakeFirst();
  }

  callById(callId: string): Promise<CallRow | undefined> {
    return this.db.selectFrom('calls_calls').selectAll().where('id', '=', callId).executeTakeFirst();
  }

  legs(callId: string): Promise<LegRow[]> {
    return this.db.selectFrom('calls_legs').selectAll().where('call_id', '=', callId).orderBy('joined_at').orderBy('id').execute();
  }

  /** The live (ringing or active) calls of a visitor, or of the account for an operator to filter; newest first. */
  liveOfVisitor(accountId: string, visitorId: string): Promise<CallRow[]> {
    return this.db.selectFrom('calls_calls').selectAll().where('account_id', '=', accountId).where('visitor_id', '=', visitorId).where('state', '<>', 'ended').orderBy('created_at', 'desc').execute();
  }

  liveOfAccount(accountId: string): Promise<CallRow[]> {
    return this.db.selectFrom('calls_calls').selectAll().where('account_id', '=', accountId).where('state', '<>', 'ended').orderBy('created_at', 'desc').execute();
  }

  /**
   * Which of these operators are in a call now, or calling a visitor, or on a leg of one (invited
   * into it), or invited and not answered yet: a visitor's call does not ring them (D2), nobody
   * invites them (D4).
   */
  async busyOperators(accountId: string, userIds: number[]): Promise<Set<number>> {
    if (!userIds.length) return new Set();
    const rows = await this.db.selectFrom('calls_calls').select('operator_id').where('account_id', '=', accountId).where('state', '<>', 'ended').where('operator_id', 'in', userIds).execute();
    const onLegs = await this.db.selectFrom('calls_legs').select('user_id').where('user_id', 'in', userIds).execute();
    const invited = await this.db.selectFrom('calls_invites').select('user_id').where('account_id', '=', accountId).where('user_id', 'in', userIds).where('expires_at', '>', this.ctx.clock.now()).execute();
    return new Set([...rows.map((r) => r.operator_id), ...onLegs.map((r) => r.user_id), ...invited.map((r) => r.user_id)].filter((id): id is number => id !== null));
  }

  /** Ringing calls whose time is up: any core process ends them (its own timer may have died with another). */
  overdue(now: number): Promise<{ id: string }[]> {
    return this.db.selectFrom('calls_calls').select('id').where('state', '=', 'ringing').where('ring_deadline', '<=', now).limit(100).execute();
  }
}
