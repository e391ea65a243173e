import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectChat, connectSocket, type SocketTarget, type TestSocket } from '../../chat/test/chat-client.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import { FRAME_PART_BYTES, type CobrowseEvent, type CobrowseRequestDto, type CobrowseSessionDto } from '../shared/cobrowse.protocol.js';

/**
 * /cobrowse on the real server (both engines): the session's life (asked, allowed, relayed to the
 * observing panel only, refused, ended) and the refusals — frames without a session or before
 * consent, another visitor's or account's session, oversized and damaged batches, a flood.
 */

const PANEL = 'http://panel.test';
const SITE = 'https://cobrowse.example';
const COBROWSE: SocketTarget = { namespace: '/cobrowse', probe: ['cobrowse.mine', {}] };
const PARTS_PER_MINUTE = 40;
const MAX_BATCH = 256 * 1024;
let core: TestCore;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let siteId: string;
let adminToken: string;
const opened: TestSocket[] = [];
const track = (s: TestSocket) => (opened.push(s), s);

const code = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};

interface Visitor {
  id: string;
  chat: TestSocket;
  page: TestSocket;
  dialogId: string;
}
async function visitor(): Promise<Visitor> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  const token = session.body.visitorToken;
  const chat = track(await connectChat(core.url, token, SITE));
  await chat.call('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  const message = await chat.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'Look at my page' });
  return { id: session.body.visitorId, chat, page: track(await connectSocket(core.url, COBROWSE, token, SITE)), dialogId: message.dialogId };
}
async function panel(user: { email: string; password: string }): Promise<TestSocket> {
  const { accessToken } = await core.api.login(user.email, user.password);
  return track(await connectSocket(core.url, COBROWSE, accessToken, PANEL));
}

/** A batch as the widget sends it: gzip-compressed JSON in one part. */
const batch = (sessionId: string, events: CobrowseEvent[], seq = 1, tab = 'tab-1') => ({ sessionId, tab, seq, last: true, gzip: true, data: gzipSync(JSON.stringify(events)) });
const snapshot = (text: string): CobrowseEvent[] => [
  { type: 4, timestamp: Date.now(), data: { href: `${SITE}/`, width: 1280, height: 800 } },
  { type: 2, timestamp: Date.now(), data: { node: { type: 0, childNodes: [{ type: 3, textContent: text, id: 2 }], id: 1 }, initialOffset: { top: 0, left: 0 } } },
];

async function setAskConsent(askConsent: boolean): Promise<void> {
  const res = await core.api.call('PUT', `/api/plugins/cobrowse/settings/sites/${siteId}`, { token: adminToken, body: { value: { askConsent } } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, cobrowse: { options: { partsPerMinute: PARTS_PER_MINUTE, maxBatchBytes: MAX_BATCH, leaveGraceMs: 0 } } } });
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  const site = await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Observed shop', url: SITE } });
  [siteKey, siteId] = [site.body.publicKey, site.body.id];
});
afterAll(async () => {
  for (const s of opened.splice(0)) s.close();
  await core?.stop();
});

describe('an observation session', () => {
  it('asks the visitor, relays the front tab only to the observing panels, and gives a late one the kept snapshot', async () => {
    const v = await visitor();
    const operator = await panel(acc.operator);
    const bystander = await panel(acc.admin);
    const asked = v.page.next<CobrowseRequestDto>('cobrowse.request');
    const session = await operator.call<CobrowseSessionDto>('cobrowse.start', { dialogId: v.dialogId });
    expect(session.state).toBe('asking');
    expect(await asked).toEqual({ sessionId: session.sessionId, state: 'asking' });
    // Before consent nothing is taken.
    expect(await code(v.page.raw('cobrowse.frames', batch(session.sessionId, snapshot('too early'))))).toBe('cobrowse_not_live');

    // A page loaded now asks and finds the session.
    expect(await v.page.call('cobrowse.mine', {})).toEqual({ sessionId: session.sessionId, state: 'asking' });
    const live = operator.next<CobrowseSessionDto>('cobrowse.state');
    const record = v.page.next<CobrowseRequestDto>('cobrowse.request');
    await v.page.call('cobrowse.answer', { sessionId: session.sessionId, allow: true });
    expect((await live).state).toBe('live');
    expect((await record).state).toBe('live');

    const frames = operator.next<{ events: CobrowseEvent[] }>('cobrowse.frames');
    await v.page.call('cobrowse.frames', batch(session.sessionId, snapshot('Товары дня')));
    expect(JSON.stringify((await frames).events)).toContain('Товары дня');
    // A tab in the background, without a snapshot of its own, is not shown.
    await v.page.call('cobrowse.frames', batch(session.sessionId, [{ type: 3, timestamp: Date.now(), data: { source: 1, positions: [] } }], 2, 'tab-2'));
    // A second operator joins late and starts from the kept snapshot.
    const late = await panel(acc.admin);
    const kept = late.next<{ events: CobrowseEvent[] }>('cobrowse.frames');
    await late.call('cobrowse.start', { dialogId: v.dialogId });
    expect(JSON.stringify((await kept).events)).toContain('Товары дня');
    await operator.settled();
    await bystander.settled();
    // The operator had the front tab's batch alone; an operator of the account not observing, nothing.
    expect(operator.received.get('cobrowse.frames')).toHaveLength(1);
    expect(bystander.received.get('cobrowse.frames') ?? []).toEqual([]);

    // Both stop: the session ends, the visitor's page is told.
    await operator.call('cobrowse.stop', { sessionId: session.sessionId });
    const ended = v.page.next<{ sessionId: string }>('cobrowse.ended');
    await late.call('cobrowse.stop', { sessionId: session.sessionId });
    expect((await ended).sessionId).toBe(session.sessionId);
    expect(await v.page.call('cobrowse.mine', {})).toBeNull();
  });

  it('a refusal ends the session and the panel is told; with the site switch off nobody is asked', async () => {
    const v = await visitor();
    const operator = await panel(acc.operator);
    const session = await operator.call<CobrowseSessionDto>('cobrowse.start', { dialogId: v.dialogId });
    const ended = operator.next<{ reason: string }>('cobrowse.ended');
    await v.page.call('cobrowse.answer', { sessionId: session.sessionId, allow: false });
    expect((await ended).reason).toBe('refused');
    expect(await code(v.page.raw('cobrowse.frames', batch(session.sessionId, snapshot('after refusal'))))).toBe('cobrowse_not_found');

    await setAskConsent(false);
    try {
      const started = v.page.next<CobrowseRequestDto>('cobrowse.request');
      const again = await operator.call<CobrowseSessionDto>('cobrowse.start', { dialogId: v.dialogId });
      expect(again.state).toBe('live');
      expect((await started).state).toBe('live');
      await operator.call('cobrowse.stop', { sessionId: again.sessionId });
    } finally {
      await setAskConsent(true);
    }
  });

  it('ends as «the visitor left» when the visitor has no page open', async () => {
    const v = await visitor();
    const operator = await panel(acc.operator);
    const session = await operator.call<CobrowseSessionDto>('cobrowse.start', { dialogId: v.dialogId });
    const ended = operator.next<{ sessionId: string; reason: string }>('cobrowse.ended');
    v.page.close();
    expect(await ended).toEqual({ sessionId: session.sessionId, reason: 'visitor_left' });
    // Offline now: a new observation is refused.
    expect(await code(operator.raw('cobrowse.start', { dialogId: v.dialogId }))).toBe('cobrowse_visitor_offline');
  });
});

describe('refusals', () => {
  let v: Visitor;
  let operator: TestSocket;
  let sessionId: string;
  beforeAll(async () => {
    v = await visitor();
    operator = await panel(acc.operator);
    sessionId = (await operator.call<CobrowseSessionDto>('cobrowse.start', { dialogId: v.dialogId })).sessionId;
    await v.page.call('cobrowse.answer', { sessionId, allow: true });
  });

  it('frames without a session, and for another visitor’s session, are refused', async () => {
    expect(await code(v.page.raw('cobrowse.frames', batch('no-such-session', snapshot('x'))))).toBe('cobrowse_not_found');
    const someoneElse = await visitor();
    expect(await code(someoneElse.page.raw('cobrowse.frames', batch(sessionId, snapshot('forged'))))).toBe('cobrowse_not_found');
    expect(await code(someoneElse.page.raw('cobrowse.end', { sessionId }))).toBe('cobrowse_not_found');
  });

  it('another account’s operator cannot observe or stop, and a visitor cannot start', async () => {
    const stranger = await panel(other.operator);
    expect(await code(stranger.raw('cobrowse.start', { dialogId: v.dialogId }))).toBe('cobrowse_dialog_not_found');
    expect(await code(stranger.raw('cobrowse.stop', { sessionId }))).toBe('cobrowse_not_found');
    expect(await code(v.page.raw('cobrowse.start', { dialogId: v.dialogId }))).not.toBe('accepted');
  });

  it('oversized, damaged and malformed batches are refused and the session goes on', async () => {
    const big = JSON.stringify(snapshot('x'.repeat(MAX_BATCH)));
    // Compressed it is small; unpacked past the limit.
    expect(await code(v.page.raw('cobrowse.frames', { ...batch(sessionId, []), data: gzipSync(big) }))).toBe('cobrowse_frame_too_large');
    expect(await code(v.page.raw('cobrowse.frames', { ...batch(sessionId, []), data: Buffer.from('not gzip') }))).toBe('cobrowse_frame_invalid');
    expect(await code(v.page.raw('cobrowse.frames', { ...batch(sessionId, []), data: gzipSync('{"not":"events"}') }))).toBe('cobrowse_frame_invalid');
    expect(await code(v.page.raw('cobrowse.frames', { ...batch(sessionId, []), data: Buffer.alloc(49 * 1024) }))).toBe('validation_failed');
    expect(await code(v.page.raw('cobrowse.frames', { ...batch(sessionId, []), data: 'a string' }))).toBe('validation_failed');
    const frames = operator.next<{ events: CobrowseEvent[] }>('cobrowse.frames');
    await v.page.call('cobrowse.frames', batch(sessionId, snapshot('still fine')));
    expect(JSON.stringify((await frames).events)).toContain('still fine');
  });

  it('a batch in several parts is joined before it is relayed', async () => {
    // Random bytes in base64 hardly compress: about 80 KB of gzip, two parts of at most 48 KB.
    const noise = randomBytes(80 * 1024).toString('base64');
    const data = gzipSync(JSON.stringify(snapshot(`parts ${noise}`)));
    expect(data.length).toBeGreaterThan(FRAME_PART_BYTES);
    const frames = operator.next<{ events: CobrowseEvent[] }>('cobrowse.frames');
    for (let at = 0; at < data.length; at += FRAME_PART_BYTES) {
      const part = { sessionId, tab: 'tab-1', seq: 50, last: at + FRAME_PART_BYTES >= data.length, gzip: true, data: data.subarray(at, at + FRAME_PART_BYTES) };
      expect(await v.page.call('cobrowse.frames', part)).toBeNull();
    }
    expect(JSON.stringify((await frames).events)).toContain(noise);
  });

  it('a flood of parts is refused past the rate limit', async () => {
    const answers: string[] = [];
    for (let i = 0; i < PARTS_PER_MINUTE + 5; i++) answers.push(await code(v.page.raw('cobrowse.frames', batch(sessionId, snapshot(`n${i}`), 100 + i))));
    expect(answers).toContain('rate_limited');
  });
});
