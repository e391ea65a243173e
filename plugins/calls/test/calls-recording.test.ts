import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreTables } from '../../../core/src/store/core.schema.js';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import { recordingChunkPath, recordingPath, type CallDto, type CallJoin, type CallRecordingStarted, type RecordingLine } from '../shared/calls.protocol.js';
import { CallsFixture, type Operator, type Visitor } from './calls-fixture.js';

/**
 * D4 recording on the server, both engines: the notice every participant sees (CallDto.recording,
 * late joiners too), chunks uploaded while it records, the dialog's message, the download, the
 * durable event — and every bad input refused with its code, nothing else disturbed.
 */

const MAX_BYTES = 64 * 1024;
const LATE_MS = 15_000;
const clock = new FakeClock(Date.parse('2026-12-06T10:00:00Z'));
let core: TestCore;
let fx: CallsFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let oleg: Operator;
let petr: Operator;
let stranger: Operator;

const code = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};
/** A chunk as MediaRecorder's: the EBML magic, then bytes. */
const chunk = (n: number, fill = 7) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(n - 4, fill)]);
async function upload(token: string, recordingId: string, seq: number, body: Buffer, type = 'audio/webm;codecs=opus'): Promise<{ status: number; code?: string; size?: number }> {
  const res = await fetch(`${core.url}${recordingChunkPath(recordingId, seq)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const json = (await res.json()) as { size?: number; error?: { code: string } };
  return { status: res.status, code: json.error?.code, size: json.size };
}
async function download(token: string, recordingId: string): Promise<{ status: number; type: string | null; bytes: Buffer; code?: string }> {
  const res = await fetch(`${core.url}${recordingPath(recordingId)}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const code = res.ok ? undefined : (JSON.parse(bytes.toString()) as { error: { code: string } }).error.code;
  return { status: res.status, type: res.headers.get('content-type'), bytes, code };
}
const recordingMessage = (socket: Operator['chat'], recordingId: string) =>
  socket.next<MessageDto>('message.created', (m) => m.kind === 'calls.recording' && (m.payload as RecordingLine).recordingId === recordingId);
async function storedEvents(recordingId: string) {
  const rows = await (core.db as Kysely<CoreTables>).selectFrom('core_event_log').select(['name', 'payload']).where('name', '=', 'calls.recording.stored').execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>).filter((p) => p.recordingId === recordingId);
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, calls: { options: { recordingMaxBytes: MAX_BYTES, recordingLateMs: LATE_MS, limits: { startsPerMinute: 100 } } } }, clock });
  fx = new CallsFixture(core, 'https://calls-recording.example');
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  const petrUser = await seedUser(core, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
  siteKey = await fx.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Recording shop');
  oleg = await fx.operator(acc.operator);
  petr = await fx.operator(petrUser);
  stranger = await fx.operator(other.operator);
});
afterAll(async () => {
  fx?.closeAll();
  await core?.stop();
});

describe('D4: recording a call', () => {
  let visitor: Visitor;
  let call: CallDto;
  let operatorJoin: CallJoin;
  let visitorJoin: CallJoin;
  let recordingId: string;
  beforeAll(async () => {
    visitor = await fx.visitor(siteKey);
    ({ call, operatorJoin, visitorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor)));
  });

  it('starts from the operator’s own leg only: every participant is told, a page joining later sees it too', async () => {
    const base = { callId: call.id, legId: operatorJoin.legId };
    expect(await code(visitor.calls.raw('call.recording.start', { callId: call.id, legId: visitorJoin.legId }))).toBe('forbidden');
    expect(await code(oleg.calls.raw('call.recording.start', { callId: call.id, legId: visitorJoin.legId }))).toBe('leg_not_yours');
    expect(await code(petr.calls.raw('call.recording.start', base))).toBe('not_in_call');
    expect(await code(stranger.calls.raw('call.recording.start', base))).toBe('call_not_found');
    expect(await code(oleg.calls.raw('call.recording.start', { ...base, extra: 1 }))).toBe('validation_failed');

    const atVisitor = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.recording);
    const started = await oleg.calls.call<CallRecordingStarted>('call.recording.start', base);
    expect(started.maxBytes).toBe(MAX_BYTES);
    recordingId = started.recordingId;
    expect((await atVisitor).state).toBe('active');
    expect(await code(oleg.calls.raw('call.recording.start', base))).toBe('recording_in_progress');

    const later = await visitor.page();
    const [mine] = await later.call<CallDto[]>('calls.mine', {});
    expect(mine).toMatchObject({ id: call.id, recording: true });
    expect((await later.call<CallJoin>('call.join', { callId: call.id })).call.recording).toBe(true);
  });

  it('takes the chunks of its operator, of its type, within its size; refuses everyone else', async () => {
    expect(await upload(oleg.token, recordingId, 0, chunk(1000))).toEqual({ status: 201, code: undefined, size: 1000 });
    expect(await upload(oleg.token, recordingId, 1, chunk(500, 9), 'audio/webm')).toMatchObject({ status: 201, size: 1500 });
    // A retried chunk replaces itself: counted once.
    expect(await upload(oleg.token, recordingId, 1, chunk(500, 9))).toMatchObject({ status: 201, size: 1500 });

    expect(await upload(petr.token, recordingId, 2, chunk(100))).toMatchObject({ status: 403, code: 'recording_not_yours' });
    expect(await upload(stranger.token, recordingId, 2, chunk(100))).toMatchObject({ status: 404, code: 'recording_not_found' });
    expect(await upload(visitor.token, recordingId, 2, chunk(100))).toMatchObject({ status: 404, code: 'recording_not_found' });
    expect(await upload(oleg.token, crypto.randomUUID(), 2, chunk(100))).toMatchObject({ status: 404, code: 'recording_not_found' });
    expect(await upload(oleg.token, 'not-a-uuid', 2, chunk(100))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await upload(oleg.token, recordingId, 2, chunk(100), 'audio/ogg')).toMatchObject({ status: 415, code: 'recording_bad_type' });
    expect(await upload(oleg.token, recordingId, 2, chunk(100), 'text/html')).toMatchObject({ status: 415, code: 'recording_bad_type' });
    // Another type than the first chunk's, in the same recording.
    expect(await upload(oleg.token, recordingId, 2, chunk(100), 'video/webm')).toMatchObject({ status: 415, code: 'recording_bad_type' });
    expect(await upload(oleg.token, recordingId, 2, chunk(MAX_BYTES))).toMatchObject({ status: 413, code: 'recording_too_large' });
    // Nothing of the refused ones was kept.
    expect((await download(oleg.token, recordingId)).bytes).toEqual(Buffer.concat([chunk(1000), chunk(500, 9)]));
  });

  it('stops: everyone’s notice goes, the dialog gets the message, the event is recorded; operators of the account download it, nobody else', async () => {
    expect(await code(petr.calls.raw('call.recording.stop', { callId: call.id, recordingId }))).toBe('recording_not_yours');
    expect(await code(stranger.calls.raw('call.recording.stop', { callId: call.id, recordingId }))).toBe('recording_not_found');
    expect(await code(oleg.calls.raw('call.recording.stop', { callId: call.id, recordingId: crypto.randomUUID() }))).toBe('recording_not_found');

    clock.advance(7000);
    const atVisitor = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && !c.recording);
    const message = recordingMessage(oleg.chat, recordingId);
    expect(await code(oleg.calls.raw('call.recording.stop', { callId: call.id, recordingId }))).toBe('accepted');
    expect((await atVisitor).state).toBe('active');
    const posted = await message;
    expect(posted.payload).toEqual({ recordingId, callId: call.id, mime: 'audio/webm', startedAt: expect.any(String), durationSec: 7, operatorName: 'Oleg Operator' });
    expect(posted.text).toBe('Запись звонка: 7 с');
    // Stopping again changes nothing.
    expect(await code(oleg.calls.raw('call.recording.stop', { callId: call.id, recordingId }))).toBe('accepted');
    expect(await storedEvents(recordingId)).toEqual([expect.objectContaining({ callId: call.id, operatorId: acc.operator.id, bytes: 1500, durationMs: 7000, mime: 'audio/webm' })]);

    const got = await download(petr.token, recordingId);
    expect(got).toMatchObject({ status: 200, type: 'audio/webm' });
    expect(got.bytes.length).toBe(1500);
    expect(await download(stranger.token, recordingId)).toMatchObject({ status: 404, code: 'recording_not_found' });
    expect(await download(visitor.token, recordingId)).toMatchObject({ status: 404, code: 'recording_not_found' });
    expect(await download(oleg.token, crypto.randomUUID())).toMatchObject({ status: 404, code: 'recording_not_found' });

    // The last chunk on its way is still taken for a moment; after it, the recording is closed.
    clock.advance(LATE_MS - 1000);
    expect(await upload(oleg.token, recordingId, 2, chunk(200))).toMatchObject({ status: 201, size: 1700 });
    clock.advance(2000);
    expect(await upload(oleg.token, recordingId, 3, chunk(200))).toMatchObject({ status: 409, code: 'recording_closed' });
    // The call went on undisturbed.
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {}))[0]).toMatchObject({ id: call.id, state: 'active', recording: false });
  });

  it('a hang-up stops the recording under way: it lands in the dialog; after the call a new one cannot start', async () => {
    const { recordingId: second } = await oleg.calls.call<CallRecordingStarted>('call.recording.start', { callId: call.id, legId: operatorJoin.legId });
    expect(await upload(oleg.token, second, 0, chunk(300))).toMatchObject({ status: 201 });
    clock.advance(3000);
    const message = recordingMessage(oleg.chat, second);
    const ended = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'ended');
    await oleg.calls.call('call.hangup', { callId: call.id });
    expect((await ended).recording).toBe(false);
    expect((await message).payload).toMatchObject({ recordingId: second, durationSec: 3 });
    expect(await code(oleg.calls.raw('call.recording.start', { callId: call.id, legId: operatorJoin.legId }))).toBe('call_not_active');
  });
});

describe('D4: the recording device goes', () => {
  it('its leg leaving stops the recording (the notice goes); one stopped before any chunk lands with its first late chunk', async () => {
    const visitor = await fx.visitor(siteKey);
    const { call, operatorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor));
    const { recordingId } = await oleg.calls.call<CallRecordingStarted>('call.recording.start', { callId: call.id, legId: operatorJoin.legId });
    // A second device of Oleg's stays in the call; the recording one leaves.
    const phone = await fx.panelCalls(oleg.token);
    await phone.call<CallJoin>('call.join', { callId: call.id });
    const notice = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && !c.recording);
    await oleg.calls.call('call.leave', { callId: call.id, legId: operatorJoin.legId });
    expect((await notice).state).toBe('active');
    await oleg.chat.settled();
    expect(oleg.chat.received.get('message.created')?.some((m) => (m as MessageDto).kind === 'calls.recording' && ((m as MessageDto).payload as RecordingLine).recordingId === recordingId)).toBeFalsy();

    const message = recordingMessage(oleg.chat, recordingId);
    expect(await upload(oleg.token, recordingId, 0, chunk(400))).toMatchObject({ status: 201 });
    expect((await message).payload).toMatchObject({ recordingId, callId: call.id });
    await phone.call('call.hangup', { callId: call.id });
  });
});
