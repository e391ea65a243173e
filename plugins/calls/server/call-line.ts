import { z } from 'zod';
import type { ChatService } from '../../chat/shared/chat.services.js';
import type { CallLine } from '../shared/calls.protocol.js';
import type { CallRow } from './calls.store.js';

/** The dialog's line of a call (kind `calls.call`): what the chat stores only if it parses. */
export const CALL_LINE_KIND = 'calls.call';
const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'An ISO date');
export const callLineSchema = z.strictObject({
  callId: z.string().min(1).max(36),
  direction: z.enum(['operator-to-visitor', 'visitor-to-operator']),
  outcome: z.enum(['answered', 'declined', 'timeout', 'missed', 'cancelled']),
  operatorName: z.string().max(200).nullable(),
  startedAt: isoDate,
  durationSec: z.number().int().min(0).max(7 * 86_400).nullable(),
  endedBy: z.enum(['visitor', 'operator']).nullable(),
  participants: z.array(z.string().max(200)).max(50).optional(),
}) satisfies z.ZodType<CallLine>;

export function callLineOf(row: CallRow, operatorName: string | null, participants: string[] = []): CallLine {
  const answered = row.answered_at !== null;
  const reason = row.end_reason;
  const outcome: CallLine['outcome'] = answered ? 'answered' : reason === 'declined' || reason === 'timeout' || reason === 'missed' ? reason : 'cancelled';
  return {
    callId: row.id,
    direction: row.direction as CallLine['direction'],
    outcome,
    operatorName,
    startedAt: new Date(Number(row.created_at)).toISOString(),
    durationSec: answered ? Math.max(0, Math.round((Number(row.ended_at) - Number(row.answered_at)) / 1000)) : null,
    endedBy: (row.ended_by as CallLine['endedBy']) ?? null,
    // D4: named only when someone joined besides the two sides, so older lines and plain calls stay as they were.
    ...(participants.length ? { participants } : {}),
  };
}

/** The plain Russian text a client without the calls' renderer shows (and the chat's search finds). */
export function callLineText(line: CallLine): string {
  const towards = line.direction === 'operator-to-visitor' ? 'Звонок посетителю' : 'Звонок от посетителя';
  switch (line.outcome) {
    case 'answered':
      return `${towards}: ${duration(line.durationSec ?? 0)}`;
    case 'declined':
      return `${towards}: отклонён`;
    case 'timeout':
      return `${towards}: нет ответа`;
    case 'missed':
      return 'Пропущенный звонок от посетителя';
    case 'cancelled':
      return `${towards}: отменён`;
  }
}

/** A length in the plain texts (the chat's search finds them): «1 мин 5 с», «7 с». */
export const duration = (sec: number) => (sec >= 60 ? `${Math.floor(sec / 60)} мин ${sec % 60} с` : `${sec} с`);

/** Posts the ended call's line once (the call id makes a retried post idempotent). */
export async function postCallLine(chat: ChatService, row: CallRow, operatorName: string | null, participants: string[] = []): Promise<void> {
  const line = callLineOf(row, operatorName, participants);
  await chat.postMessage({
    accountId: row.account_id,
    visitorId: row.visitor_id,
    author: { kind: 'plugin', pluginId: 'calls' },
    kind: CALL_LINE_KIND,
    payload: line,
    text: callLineText(line),
    clientId: `call-line-${row.id}`,
  });
}
