import { z } from 'zod';
import { HttpError, parseOrThrow } from '../../../core/src/index.js';
import { RECORDING_TYPES } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import type { RecordingsService, RecordingType } from './recordings.service.js';

const chunkParams = z.strictObject({ id: z.uuid(), seq: z.coerce.number().int().min(0).max(999_999) });
const recordingParams = z.strictObject({ id: z.uuid() });
/** A chunk every second or two for hours is far below this; a loop is not. */
const CHUNKS_PER_MINUTE = 120;

/** `audio/webm;codecs=opus` → `audio/webm`; anything else is refused. */
function typeOf(header: string | undefined): RecordingType {
  const base = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(RECORDING_TYPES as readonly string[]).includes(base)) throw new HttpError(415, 'recording_bad_type', 'A recording is accepted as audio/webm or video/webm only');
  return base as RecordingType;
}

/**
 * D4 over HTTP (shared/calls.protocol.ts recordingChunkPath, recordingPath), behind the kernel's
 * sign-in: the recording operator's browser posts each chunk as the raw body (streamed into the
 * store, never held whole), and an operator of the account downloads the recording for the panel's
 * player. The `Content-Type` says the chunk's type; a made-up id or another account's is 404.
 */
export function registerRecordingRoutes(ctx: CallsContext, recordings: RecordingsService): void {
  const { router } = ctx.http;
  const perOperator = ctx.rateLimits.http('recording-chunks', CHUNKS_PER_MINUTE, 60, (req) => {
    const actor = req.res?.locals.actor;
    return actor?.kind === 'user' ? `u:${actor.userId}` : (req.ip ?? 'unknown');
  });

  router.post('/recordings/:id/chunks/:seq', perOperator, async (req, res) => {
    const { id, seq } = parseOrThrow(chunkParams, req.params);
    const type = typeOf(req.headers['content-type']);
    const length = req.headers['content-length'];
    res.status(201).json(await recordings.putChunk(res.locals.actor!, id, seq, type, req, length === undefined ? null : Number(length)));
  });

  router.get('/recordings/:id', async (req, res) => {
    const { id } = parseOrThrow(recordingParams, req.params);
    const file = await recordings.download(res.locals.actor!, id);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    // A recording may still grow by its last chunk for a few seconds: not cached.
    res.setHeader('Cache-Control', 'private, no-store');
    file.stream.pipe(res);
  });
}
