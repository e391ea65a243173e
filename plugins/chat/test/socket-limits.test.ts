import type { Kysely } from 'kysely';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { CHAT_LIMITS, type PageView, type VisitorDto } from '../shared/chat.protocol.js';
import { ChatFixture } from './chat-fixture.js';
import { connectChat, type TestSocket } from './chat-client.js';

/**
 * Issue 9 item 16: what one visitor's connection may cost everyone else — frame size, bytes per
 * window, connections per address — and what a page view costs the operators.
 */
const SITE = 'https://limits-shop.example';
/** Per second here: 20 full-size page events a second (the event budget) fit, a burst of large frames does not. */
const BUDGET_BYTES = 150_000;
const PER_ADDRESS = 3;

let core: TestCore;
let acc: SeededAccount;
let chat: ChatFixture;
let siteKey: string;
let nextAddress = 1;

/** A greeted visitor from an address of its own (the core trusts X-Forwarded-For from loopback). */
async function visitor(address = `198.51.100.${nextAddress++}`): Promise<{ socket: TestSocket; id: string }> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  const socket = await connectChat(core.url, session.body.visitorToken, SITE, undefined, { 'x-forwarded-for': address });
  chat.opened.push(socket);
  await socket.call('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  return { socket, id: session.body.visitorId };
}

/** A page event of the largest size the schema accepts (~4.3 KB of text), told apart by `n`. */
const long = (n: number, len: number) => `${n}`.padEnd(len, 'p');
const fullPage = (n: number) => ({ url: `${SITE}/${long(n, 1900)}`, title: long(n, 500), referrer: long(n, 1900) });

/** The event budget (20 a second) paces the visitor: a refused page event is sent again until accepted. */
async function sendPage(s: TestSocket, page: ReturnType<typeof fullPage>): Promise<void> {
  for (let ack = await s.raw('visitor.page', page); !ack.ok; ack = await s.raw('visitor.page', page)) {
    expect(ack.error.code).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Resolves with the next `/chat` event the operator's socket receives that names `visitorId`, and its size on the wire. */
function nextFrameAbout(operator: Socket, visitorId: string): Promise<{ event: string; payload: unknown; bytes: number }> {
  return new Promise((resolve) => {
    const onPacket = (packet: { type: string; data?: unknown }) => {
      if (typeof packet.data !== 'string' || !packet.data.includes(visitorId)) return;
      operator.io.engine.off('packet', onPacket);
      const [event, payload] = JSON.parse(packet.data.slice(packet.data.indexOf('['))) as [string, unknown];
      resolve({ event, payload, bytes: Buffer.byteLength(packet.data) });
    };
    operator.io.engine.on('packet', onPacket);
  });
}

const disconnected = (s: TestSocket) => new Promise<string>((resolve) => (s.socket.connected ? s.socket.once('disconnect', resolve) : resolve('already')));

/** Median round trip of an acknowledged event, in ms. */
async function medianRoundTrip(s: TestSocket, count = 9): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await s.call('visitor.activity', { state: 'active' });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(count / 2)]!;
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} }, socketLimits: { budgetBytes: BUDGET_BYTES, budgetWindowMs: 1000, connectionsPerAddress: PER_ADDRESS } });
  acc = await seedAccount(core);
  chat = new ChatFixture(core, SITE);
  siteKey = await chat.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Limits shop');
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('a visitor socket is cut off before it costs others', () => {
  it('closes a connection that sends an oversize frame, unparsed, and others keep their round trip', async () => {
    const bystander = (await visitor()).socket;
    const baseline = await medianRoundTrip(bystander);

    const attacker = (await visitor()).socket;
    const closed = disconnected(attacker);
    const acks: unknown[] = [];
    // 200 KB of draft: before, the core parsed it and answered validation_failed.
    for (let i = 0; i < 5; i++) attacker.socket.emit('typing', { draft: 'x'.repeat(200_000) }, (ack: unknown) => acks.push(ack));
    expect(await closed).toBe('transport close');
    expect(acks).toEqual([]);

    const after = await medianRoundTrip(bystander);
    expect(after).toBeLessThan(Math.max(baseline * 5, 50));
    expect(bystander.socket.connected).toBe(true);
  });

  it('closes a connection that sends more bytes than its budget, while a quiet one stays', async () => {
    const quiet = (await visitor()).socket;
    const noisy = (await visitor()).socket;
    const closed = disconnected(noisy);
    // Frames under the frame limit, each refused by the schema (draft too long), together over the budget.
    const frame = { draft: 'y'.repeat(40_000) };
    let answered = 0;
    for (let i = 0; i < Math.ceil(BUDGET_BYTES / 40_000) + 2; i++) noisy.socket.emit('typing', frame, () => answered++);
    expect(await closed).toBe('transport close');
    expect(answered).toBeLessThanOrEqual(Math.floor(BUDGET_BYTES / 40_000));
    await expect(quiet.socket.timeout(5000).emitWithAck('visitor.activity', { state: 'active' })).resolves.toMatchObject({ ok: true });
  });
});

describe('connections per address', () => {
  const ADDRESS = '203.0.113.9';

  it('refuses one more than the cap from one address with a clear error, not other addresses', async () => {
    const held = [];
    for (let i = 0; i < PER_ADDRESS; i++) held.push((await visitor(ADDRESS)).socket);

    const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
    await expect(connectChat(core.url, session.body.visitorToken, SITE, undefined, { 'x-forwarded-for': ADDRESS })).rejects.toThrow(/websocket error/);
    // Over long-polling the refusal names itself.
    const handshake = await fetch(`${core.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: SITE, 'x-forwarded-for': ADDRESS } });
    expect(handshake.status).toBe(403);
    expect(await handshake.json()).toMatchObject({ message: 'too_many_connections' });

    await expect(visitor('203.0.113.10')).resolves.toBeTruthy();

    // A closed connection frees its place: the server counts it down when it sees the close.
    const gone = held.pop()!;
    gone.close();
    let admitted = false;
    for (let tries = 0; !admitted && tries < 50; tries++) {
      const res = await fetch(`${core.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: SITE, 'x-forwarded-for': ADDRESS } });
      admitted = res.status === 200;
      await res.text();
    }
    expect(admitted).toBe(true);
  });
});

describe('page views', () => {
  it('keeps the last pages of a visitor and sends operators the new page only', async () => {
    const operator = await chat.operator(acc.operator);
    let updateBytes = 0;
    let updates = 0;
    operator.socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (typeof packet.data === 'string' && packet.data.includes('"visitor.')) {
        updateBytes = Math.max(updateBytes, Buffer.byteLength(packet.data));
        updates++;
      }
    });
    const { socket, id } = await visitor();
    const TOTAL = 200;
    const views: PageView[] = [];
    const allSeen = new Promise<void>((resolve) =>
      operator.socket.on('visitor.pageViewed', (p: { visitorId: string; view: PageView }) => {
        if (p.visitorId === id && views.push(p.view) === TOTAL) resolve();
      }),
    );

    for (let n = 0; n < TOTAL; n++) await sendPage(socket, fullPage(n));
    await allSeen;
    expect(views).toHaveLength(TOTAL);
    // One page view (~4.4 KB of text) is one small frame, not the visitor and their history (~225 KB).
    expect(updateBytes).toBeLessThan(6000);
    expect(updates).toBeGreaterThanOrEqual(TOTAL);

    const listed = (await operator.call<VisitorDto[]>('visitors.list', {})).find((v) => v.id === id)!;
    expect(listed.pages).toHaveLength(CHAT_LIMITS.pagesKept);
    expect(listed.pages.at(-1)!.title).toBe(long(TOTAL - 1, 500));
    const stored = await (core.db as Kysely<{ chat_page_views: { visitor_id: string } }>)
      .selectFrom('chat_page_views')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('visitor_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(CHAT_LIMITS.pagesKept);
  }, 60_000);
});

describe('a visitor with a full page history', () => {
  it('costs operators a small frame for a hidden tab, a reload and leaving, not the history (~215 KB)', async () => {
    const operator = await chat.operator(acc.operator);
    const { socket, id } = await visitor();
    let views = 0;
    const historyFull = new Promise<void>((resolve) =>
      operator.socket.on('visitor.pageViewed', (p: { visitorId: string }) => {
        if (p.visitorId === id && ++views === CHAT_LIMITS.pagesKept) resolve();
      }),
    );
    for (let n = 0; n < CHAT_LIMITS.pagesKept; n++) await sendPage(socket, fullPage(n));
    await historyFull;

    const hidden = nextFrameAbout(operator.socket, id);
    await socket.call('visitor.activity', { state: 'hidden', chatOpen: true });
    const presence = await hidden;
    expect(presence.bytes).toBeLessThan(1000);
    expect(presence).toMatchObject({ event: 'visitor.presence', payload: { visitorId: id, activity: 'hidden', chatOpen: true, lastSeenAt: expect.any(String) } });

    // A reload: the visitor without their history, and the page opened.
    const reloaded = nextFrameAbout(operator.socket, id);
    const back = { url: `${SITE}/back`, title: 'Back again', referrer: '' };
    await socket.call('visitor.hello', { page: back, activity: 'active' });
    const arrival = await reloaded;
    expect(arrival.bytes).toBeLessThan(1000);
    expect(arrival).toMatchObject({ event: 'visitor.arrived', payload: { visitor: { id, activity: 'active', chatOpen: true }, view: { ...back, leftAt: null } } });
    expect(arrival.payload).not.toHaveProperty('visitor.pages');

    const leaving = nextFrameAbout(operator.socket, id);
    socket.close();
    const left = await leaving;
    expect(left.bytes).toBeLessThan(1000);
    expect(left).toMatchObject({ event: 'visitor.presence', payload: { visitorId: id, activity: 'left', chatOpen: true } });
    // What the panel derives from the delta (the open view ended when they left) is what is stored.
    const listed = (await operator.call<VisitorDto[]>('visitors.list', {})).find((v) => v.id === id)!;
    expect(listed.pages).toHaveLength(CHAT_LIMITS.pagesKept);
    expect(listed.pages.at(-1)).toMatchObject({ ...back, leftAt: (left.payload as { lastSeenAt: string }).lastSeenAt });
  }, 60_000);
});
