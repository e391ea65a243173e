import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { HttpError, type Actor, type FileEntry } from '../../../core/src/index.js';
import type { ChatService } from '../../chat/shared/chat.services.js';
import '../shared/calls.events.js';
import type { CallRecordingStarted } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import type { CallsRooms } from './calls.rooms.js';
import { eventBase, type CallsService } from './calls.service.js';
import { userName, type CallRow, type LegRow } from './calls.store.js';
import type { CallsTables } from './calls.tables.js';
import { sideOf } from './participants.js';
import { postRecordingLine } from './recording-line.js';

type RecordingRow = Selectable<CallsTables['calls_recordings']>;
export type RecordingType = 'audio/webm' | 'video/webm';

const notFound = () => new HttpError(404, 'recording_not_found', 'No such recording');
const tooLarge = (max: number) => new HttpError(413, 'recording_too_large', `A recording may take at most ${Math.floor(max / 1024 / 1024)} MB`);
const chunkKey = (recordingId: string, seq: number) => `${chunksOf(recordingId)}${String(seq).padStart(6, '0')}`;
const chunksOf = (recordingId: string) => `recordings/${recordingId}/`;

/**
 * D4: recordings. The operator's browser records (MediaRecorder over both sides' sound) and
 * uploads a chunk every few seconds, so a closed tab loses only the last ones; the server keeps
 * the chunks (`ctx.files`), the notice (`calls_calls.recording_id`, `CallDto.recording`) and, once
 * the recording stops — the operator's «Остановить запись», the recording device's leg going, the
 * call's end — posts it into the dialog (kind `calls.recording`) with `calls.recording.stored`.
 * A chunk on its way when it stopped is still taken for `recordingLateMs`.
 */
export class RecordingsService {
  constructor(
    private readonly ctx: CallsContext,
    private readonly calls: CallsService,
    private readonly chat: ChatService,
    private readonly rooms: CallsRooms,
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  /** «Записать звонок» from the operator's own leg of an active call: one recording at a time a call. */
  async start(actor: Actor, callId: string, legId: string): Promise<CallRecordingStarted> {
    const row = await this.calls.load(actor, callId);
    if (actor.kind !== 'user' || sideOf(row, actor) !== 'operator') throw new HttpError(403, 'not_in_call', 'You are not taking part in this call');
    if (row.state !== 'active') throw new HttpError(409, 'call_not_active', 'The call has not started or has already ended');
    const leg = await this.db.selectFrom('calls_legs').select('id').where('id', '=', legId).where('call_id', '=', callId).where('side', '=', 'operator').where('user_id', '=', actor.userId).executeTakeFirst();
    if (!leg) throw new HttpError(403, 'leg_not_yours', 'This connection to the call is not yours');
    const id = randomUUID();
    const updated = await this.ctx.db.transaction(async (trx) => {
      // The call's row holds the one recording under way: of two starts, one sets it.
      const call = await trx.updateTable('calls_calls').set({ recording_id: id }).where('id', '=', callId).where('state', '=', 'active').where('recording_id', 'is', null).returningAll().executeTakeFirst();
      if (!call) return undefined;
      await trx
        .insertInto('calls_recordings')
        .values({ id, call_id: callId, account_id: row.account_id, dialog_id: row.dialog_id, visitor_id: row.visitor_id, user_id: actor.userId, leg_id: legId, mime: 'audio/webm', size: 0, started_at: this.ctx.clock.now(), stopped_at: null, posted_at: null })
        .execute();
      return call;
    });
    if (!updated) {
      const current = await this.calls.store.callById(callId);
      if (current?.state === 'active') throw new HttpError(409, 'recording_in_progress', 'The call is already being recorded');
      throw new HttpError(409, 'call_not_active', 'The call has not started or has already ended');
    }
    this.rooms.updated(updated, this.calls.dto(updated));
    return { recordingId: id, maxBytes: this.ctx.options.recordingMaxBytes };
  }

  /** «Остановить запись» (after the browser uploaded its last chunk). Stopping a stopped one is a no-op. */
  async stop(actor: Actor, callId: string, recordingId: string): Promise<null> {
    const rec = await this.own(actor, recordingId);
    if (rec.call_id !== callId) throw notFound();
    await this.finish(rec.id);
    return null;
  }

  /** The call ended: its recording stops with it (`end` cleared the notice already). */
  async callEnded(call: CallRow): Promise<void> {
    const open = await this.db.selectFrom('calls_recordings').select('id').where('call_id', '=', call.id).where('stopped_at', 'is', null).execute();
    for (const { id } of open) await this.finish(id);
  }

  /** A recording device's leg went (tab closed, moved to the phone): nothing records any more. */
  async legsGone(legs: LegRow[]): Promise<void> {
    const open = await this.db.selectFrom('calls_recordings').select('id').where('leg_id', 'in', legs.map((l) => l.id)).where('stopped_at', 'is', null).execute();
    for (const { id } of open) await this.finish(id);
  }

  /**
   * One chunk, streamed into the store: the recording's operator only, while it records (or within
   * `recordingLateMs` after it stopped), of its type, within the size left. The same `seq` again
   * replaces the chunk (a retried upload).
   */
  async putChunk(actor: Actor, recordingId: string, seq: number, type: RecordingType, body: Readable, announced: number | null): Promise<{ size: number }> {
    const rec = await this.own(actor, recordingId);
    if (rec.stopped_at !== null && this.ctx.clock.now() > Number(rec.stopped_at) + this.ctx.options.recordingLateMs) {
      throw new HttpError(409, 'recording_closed', 'The recording has ended: nothing more can be added to it');
    }
    if (seq > 0 && type !== rec.mime) throw new HttpError(415, 'recording_bad_type', `This recording's chunks are ${rec.mime}`);
    const max = this.ctx.options.recordingMaxBytes;
    const key = chunkKey(rec.id, seq);
    const previous = (await this.ctx.files.stat(key))?.size ?? 0;
    const room = max - Number(rec.size) + previous;
    if (announced !== null && announced > room) throw tooLarge(max);
    const stored = await this.ctx.files.put(key, body, { mime: type, maxBytes: Math.max(0, room) }).catch((err: unknown) => {
      throw err instanceof HttpError && err.code === 'file_too_large' ? tooLarge(max) : err;
    });
    // Counted in the row, conditionally: two chunks racing cannot pass the limit together.
    const grown = await this.db
      .updateTable('calls_recordings')
      .set((eb) => ({ size: eb('size', '+', stored.size - previous), ...(seq === 0 ? { mime: type } : {}) }))
      .where('id', '=', rec.id)
      .where((eb) => eb(eb('size', '+', stored.size - previous), '<=', max))
      .returning('size')
      .executeTakeFirst();
    if (!grown) {
      await this.ctx.files.delete(key);
      throw tooLarge(max);
    }
    // The last chunk of a stopped recording that had none yet: now it can reach the dialog.
    if (rec.stopped_at !== null) await this.post(rec.id);
    return { size: Number(grown.size) };
  }

  /** The whole recording, its chunks in order, for an operator of its account. */
  async download(actor: Actor, recordingId: string): Promise<{ mime: string; size: number; stream: Readable }> {
    if (actor.kind !== 'user') throw notFound();
    const rec = await this.db.selectFrom('calls_recordings').selectAll().where('id', '=', recordingId).where('account_id', '=', actor.accountId).executeTakeFirst();
    if (!rec) throw notFound();
    const entries: FileEntry[] = [];
    for await (const entry of this.ctx.files.list(chunksOf(rec.id))) entries.push(entry);
    const files = this.ctx.files;
    async function* bytes() {
      for (const entry of entries) {
        const file = await files.get(entry.key);
        if (file) yield* file.stream;
      }
    }
    return { mime: rec.mime, size: entries.reduce((n, e) => n + e.size, 0), stream: Readable.from(bytes()) };
  }

  /** The actor's own recording: another account's, a made-up id, or any for a visitor, is none; another operator's is refused. */
  private async own(actor: Actor, recordingId: string): Promise<RecordingRow> {
    if (actor.kind !== 'user') throw notFound();
    const rec = await this.db.selectFrom('calls_recordings').selectAll().where('id', '=', recordingId).where('account_id', '=', actor.accountId).executeTakeFirst();
    if (!rec) throw notFound();
    if (rec.user_id !== actor.userId) throw new HttpError(403, 'recording_not_yours', 'This recording is not yours');
    return rec;
  }

  /** Stops a recording once (whichever asks first), clears the call's notice if it is this one, then posts it. */
  private async finish(recordingId: string): Promise<void> {
    await this.db.updateTable('calls_recordings').set({ stopped_at: this.ctx.clock.now() }).where('id', '=', recordingId).where('stopped_at', 'is', null).execute();
    const call = await this.db.updateTable('calls_calls').set({ recording_id: null }).where('recording_id', '=', recordingId).returningAll().executeTakeFirst();
    if (call) this.rooms.updated(call, this.calls.dto(call));
    await this.post(recordingId);
  }

  /**
   * A stopped recording with bytes goes into its dialog once: the message first (idempotent by
   * its client id), then the mark and the durable event in one transaction, so a failed post is
   * retried by the next chunk or stop and the event is recorded once.
   */
  private async post(recordingId: string): Promise<void> {
    const rec = await this.db.selectFrom('calls_recordings').selectAll().where('id', '=', recordingId).executeTakeFirst();
    if (!rec || rec.stopped_at === null || rec.posted_at !== null || Number(rec.size) === 0) return;
    const call = await this.calls.store.callById(rec.call_id);
    if (!call) return;
    const durationMs = Number(rec.stopped_at) - Number(rec.started_at);
    await postRecordingLine(this.chat, rec, { durationMs, operatorName: userName(this.ctx, rec.user_id) });
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (trx, after) => {
      const marked = await trx.updateTable('calls_recordings').set({ posted_at: now }).where('id', '=', rec.id).where('posted_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      after.record('calls.recording.stored', { ...eventBase(call, now), recordingId: rec.id, operatorId: rec.user_id, mime: rec.mime, bytes: Number(rec.size), durationMs });
    });
  }
}
