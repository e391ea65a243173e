import { z } from 'zod';
import { CHAT_LIMITS } from '../../chat/shared/chat.protocol.js';
import type { CallsFromClient } from '../shared/calls.protocol.js';

/** The client events' payloads (calls.protocol.ts CallsFromClient), strict and bounded. */
const id = z.string().min(1).max(64);
const callRef = z.strictObject({ callId: id });

// An SDP of audio, video and a screen is a few KB; 30 000 leaves room and stays under the 64 KB frame.
const description = z.strictObject({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(30_000).optional() });
const candidate = z
  .strictObject({
    candidate: z.string().max(1000).optional(),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .nullable();
const signal = z.union([z.strictObject({ description }), z.strictObject({ candidate })]);
const media = z.strictObject({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() });

export const callsSchemas = {
  operatorStart: z.strictObject({ dialogId: id, video: z.boolean().optional() }),
  visitorStart: z.strictObject({ video: z.boolean().optional() }),
  callRef,
  leave: z.strictObject({ callId: id, legId: id }),
  signal: z.strictObject({ callId: id, from: id, to: id, signal }),
  media: z.strictObject({ callId: id, legId: id, media }),
  mine: z.strictObject({}),
  screenAnswer: z.strictObject({ callId: id, allow: z.boolean() }),
  invite: z.strictObject({ callId: id, userId: z.number().int().positive().max(2 ** 31 - 1) }),
  // The chat's own bounds for a message (its service checks them again, with blank texts).
  messageSend: z.strictObject({ callId: id, clientId: z.string().min(8).max(64), text: z.string().trim().min(1, 'The message is empty').max(CHAT_LIMITS.messageLength, `At most ${CHAT_LIMITS.messageLength} characters`) }),
  recordingStart: z.strictObject({ callId: id, legId: id }),
  recordingStop: z.strictObject({ callId: id, recordingId: id }),
} satisfies Record<string, z.ZodType>;

// The schemas must accept what the contract sends (a compile-time check).
type Accepts<S extends z.ZodType, T> = T extends z.input<S> ? true : never;
export const contractChecks: [
  Accepts<typeof callsSchemas.signal, CallsFromClient['call.signal']>,
  Accepts<typeof callsSchemas.media, CallsFromClient['call.media']>,
  Accepts<typeof callsSchemas.leave, CallsFromClient['call.leave']>,
  Accepts<typeof callsSchemas.invite, CallsFromClient['call.invite']>,
  Accepts<typeof callsSchemas.messageSend, CallsFromClient['call.message.send']>,
] = [true, true, true, true, true];
