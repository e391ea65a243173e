import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { HttpError } from '../../../core/src/index.js';
import type { CobrowseEvent } from '../shared/cobrowse.protocol.js';

/** rrweb's event types that start a page anew: Meta (4), then a FullSnapshot (2). */
export const FULL_SNAPSHOT = 2;

const event = z.object({ type: z.number().int().min(0).max(10), timestamp: z.number().finite(), data: z.unknown() });
const events = z.array(event).min(1).max(5000);

/**
 * Joins a tab's batch parts (socket.io delivers one socket's events in order) and decodes a
 * finished batch: gunzip bounded by `maxBytes` (a zip bomb stops there), JSON, the events' shape.
 * One pending batch per tab; a part of another `seq` starts over.
 */
export class BatchAssembler {
  private readonly pending = new Map<string, { seq: number; parts: Buffer[]; bytes: number }>();

  constructor(private readonly maxBytes: number) {}

  /** The batch's events once its last part came; null while parts are still to come. */
  add(key: string, part: { seq: number; last: boolean; gzip: boolean; data: Buffer }): CobrowseEvent[] | null {
    let batch = this.pending.get(key);
    if (!batch || batch.seq !== part.seq) this.pending.set(key, (batch = { seq: part.seq, parts: [], bytes: 0 }));
    batch.parts.push(part.data);
    batch.bytes += part.data.length;
    if (batch.bytes > this.maxBytes) {
      this.pending.delete(key);
      throw tooLarge();
    }
    if (!part.last) return null;
    this.pending.delete(key);
    return decode(Buffer.concat(batch.parts), part.gzip, this.maxBytes);
  }

  forget(key: string): void {
    this.pending.delete(key);
  }
}

function decode(bytes: Buffer, gzip: boolean, maxBytes: number): CobrowseEvent[] {
  let json: Buffer;
  try {
    json = gzip ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : bytes;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw invalid();
  }
  if (json.length > maxBytes) throw tooLarge();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    throw invalid();
  }
  const checked = events.safeParse(parsed);
  if (!checked.success) throw invalid();
  return checked.data;
}

const tooLarge = () => new HttpError(413, 'cobrowse_frame_too_large', 'The recording batch is too large');
const invalid = () => new HttpError(400, 'cobrowse_frame_invalid', 'The recording batch is not gzip-compressed JSON of rrweb events');

/** JSON size of events, for the session's buffer cap. */
export const sizeOf = (list: CobrowseEvent[]) => Buffer.byteLength(JSON.stringify(list));
