import type { CallDirection, CallEndReason, CallSide } from './calls.protocol.js';

/**
 * The calls plugin's durable events (recorded in the core's event log, published after commit),
 * for statistics: calls made, answered, missed, their waiting time and duration.
 */
export interface CallEventBase {
  accountId: string;
  siteId: string;
  callId: string;
  dialogId: string;
  visitorId: string;
  direction: CallDirection;
  at: string;
}

declare module '../../../core/src/kernel/events.js' {
  interface CallpyEvents {
    'calls.call.started': CallEventBase & { operatorId: number | null; video: boolean };
    'calls.call.answered': CallEventBase & { operatorId: number; waitMs: number };
    'calls.call.ended': CallEventBase & {
      operatorId: number | null;
      reason: CallEndReason;
      endedBy: CallSide | null;
      /** From the start to the answer (or to the end, if never answered). */
      waitMs: number;
      /** From the answer to the end; 0 if never answered. */
      durationMs: number;
    };
    /** D4: a recording reached the dialog (stopped, with its bytes so far; a last chunk may still add a few seconds). */
    'calls.recording.stored': CallEventBase & { recordingId: string; operatorId: number; mime: string; bytes: number; durationMs: number };
    /** D4: an operator in the call invited another operator (`inviteeId`), or made a guest link (`inviteeId` null). */
    'calls.call.invited': CallEventBase & { operatorId: number; inviteeId: number | null };
  }
}

export const CALLS_DURABLE_EVENTS = ['calls.call.started', 'calls.call.answered', 'calls.call.ended', 'calls.call.invited', 'calls.recording.stored'] as const;
