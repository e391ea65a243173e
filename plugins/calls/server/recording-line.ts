import { z } from 'zod';
import type { ChatService } from '../../chat/shared/chat.services.js';
import { duration } from './call-line.js';
import { RECORDING_KIND, RECORDING_TYPES, type RecordingLine } from '../shared/calls.protocol.js';

const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'An ISO date');
/** The dialog's message of a stored recording (kind `calls.recording`): what the chat stores only if it parses. */
export const recordingLineSchema = z.strictObject({
  recordingId: z.uuid(),
  callId: z.string().min(1).max(36),
  mime: z.enum(RECORDING_TYPES),
  startedAt: isoDate,
  durationSec: z.number().int().min(0).max(7 * 86_400),
  operatorName: z.string().max(200).nullable(),
}) satisfies z.ZodType<RecordingLine>;

interface StoppedRecording {
  id: string;
  call_id: string;
  account_id: string;
  visitor_id: string;
  mime: string;
  started_at: number;
}

/** Posts a stopped recording's message once (its id makes a retried post idempotent); the text is for clients without the renderer. */
export async function postRecordingLine(chat: ChatService, rec: StoppedRecording, about: { durationMs: number; operatorName: string | null }): Promise<void> {
  const durationSec = Math.max(0, Math.round(about.durationMs / 1000));
  const line: RecordingLine = {
    recordingId: rec.id,
    callId: rec.call_id,
    mime: rec.mime === 'video/webm' ? 'video/webm' : 'audio/webm',
    startedAt: new Date(Number(rec.started_at)).toISOString(),
    durationSec,
    operatorName: about.operatorName,
  };
  await chat.postMessage({
    accountId: rec.account_id,
    visitorId: rec.visitor_id,
    author: { kind: 'plugin', pluginId: 'calls' },
    kind: RECORDING_KIND,
    payload: line,
    text: `Запись звонка: ${duration(durationSec)}`,
    clientId: `recording-${rec.id}`,
  });
}
