import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { cmsClient, seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { OperatorCard, OperatorDto, OperatorStatus, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';

const SITE = 'https://schedule-shop.example';
const PANEL = 'http://panel.test';
// Monday 2 June 2025, 08:58 in Vladivostok (UTC+10): still Sunday 22:58 in UTC.
const START = '2025-06-02T08:58:00+10:00';
const vvo = (time: string, day = '2025-06-02') => `${day}T${time}:00+10:00`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let clock: FakeClock;
let core: TestCore;
let acc: SeededAccount;
let adminToken: string;
let operatorToken: string;
let panel: TestSocket;
let widget: TestSocket;
const opened: TestSocket[] = [];

type Gate = { online: boolean; operators: OperatorCard[] };
type StatusChange = { userId: number; status: OperatorStatus };

async function visitorSocket(target: TestCore): Promise<TestSocket> {
  const siteKey = target.content.sitesOf(acc.accountId)[0]!.publicKey;
  const session = await target.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  const socket = await connectChat(target.url, session.body.visitorToken, SITE);
  opened.push(socket);
  return socket;
}

async function panelSocket(target: TestCore): Promise<TestSocket> {
  const socket = await connectChat(target.url, (await target.api.login(acc.operator.email, acc.operator.password)).accessToken, PANEL);
  opened.push(socket);
  return socket;
}

const setHours = (intervals: unknown[]) =>
  core.api.call('PUT', `/api/chat/schedules/${acc.operator.id}`, { token: adminToken, body: { intervals } }).then((res) => expect(res.status).toBe(200));

const statusOf = async (socket: TestSocket) => (await socket.call<OperatorDto[]>('operators.list', {})).find((o) => o.id === acc.operator.id)!.status;

/** Lets timers, socket frames and database writes of a tick settle, when a test expects nothing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * A second core on the same database, its clock at the same time: it looks at the schedules as it
 * starts (a restart, another node), so what it does not change is what no tick may change.
 */
async function withPeer(check: (peer: TestCore, peerClock: FakeClock) => Promise<void>): Promise<void> {
  const peerClock = new FakeClock(clock.now());
  const peer = await startTestCore({ plugins: { chat: {} }, clock: peerClock, database: core.config.database });
  try {
    await settle();
    await check(peer, peerClock);
  } finally {
    await peer.stop();
  }
}

beforeAll(async () => {
  clock = new FakeClock(Date.parse(START));
  core = await startTestCore({ plugins: { chat: {} }, clock });
  acc = await seedAccount(core);
  await cmsClient().accounts.update(acc.accountId, { timezone: 'Asia/Vladivostok' });
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  await core.api.call('POST', '/api/sites', { token: adminToken, body: { name: 'Schedule shop', url: SITE } });
  await core.content.refresh();
  panel = await panelSocket(core);
  widget = await visitorSocket(core);
  const state = await widget.call<VisitorState>('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  expect(state.online).toBe(false);
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
});

describe('schedules switch the status at their edges (A6), in the account time zone', () => {
  it('goes online when the working period starts and offline when it ends; the widget follows', async () => {
    await setHours([{ day: 1, from: '09:00', to: '10:00' }]);
    expect(await statusOf(panel)).toBe('offline');

    const online = widget.next<Gate>('operators.changed', (p) => p.online);
    const told = panel.next<StatusChange>('operators.status', (p) => p.status === 'online');
    clock.advanceTo(vvo('09:00'));
    expect(await told).toEqual({ userId: acc.operator.id, status: 'online' });
    expect((await online).operators.map((o) => o.id)).toEqual([acc.operator.id]);
    expect(await statusOf(panel)).toBe('online');

    // Nothing happens between edges.
    clock.advanceTo(vvo('09:59'));
    await settle();
    expect(await statusOf(panel)).toBe('online');

    const offline = widget.next<Gate>('operators.changed', (p) => !p.online);
    clock.advanceTo(vvo('10:00'));
    expect(await offline).toEqual({ online: false, operators: [] });
    expect(await statusOf(panel)).toBe('offline');
  });

  it('a status set by hand holds until the next edge', async () => {
    await setHours([{ day: 1, from: '11:00', to: '12:00' }]);
    const online = panel.next<StatusChange>('operators.status', (p) => p.status === 'online');
    clock.advanceTo(vvo('11:00'));
    await online;

    await panel.call('operator.status', { status: 'away' });
    clock.advanceTo(vvo('11:30'));
    await withPeer(async () => expect(await statusOf(panel)).toBe('away'));

    const offline = widget.next<Gate>('operators.changed', (p) => !p.online);
    clock.advanceTo(vvo('12:00'));
    await offline;
    expect(await statusOf(panel)).toBe('offline');
    // After the end, going online by hand stays so: no edge until the next period.
    await panel.call('operator.status', { status: 'online' });
    clock.advanceTo(vvo('12:30'));
    await settle();
    expect(await statusOf(panel)).toBe('online');
    await panel.call('operator.status', { status: 'offline' });
  });

  it('hours saved in the middle of a period flip nobody until the next edge', async () => {
    clock.advanceTo(vvo('13:30'));
    await setHours([{ day: 1, from: '13:00', to: '15:00' }]);
    await withPeer(async () => expect(await statusOf(panel)).toBe('offline'));
    const offlineEdge = panel.next<StatusChange>('operators.status', (p) => p.status === 'offline');
    clock.advanceTo(vvo('15:00'));
    await offlineEdge;
  });

  it('edges are local times: Tuesday 09:00 in Vladivostok is Monday 23:00 in UTC', async () => {
    await setHours([{ day: 2, from: '09:00', to: '18:00' }]);
    clock.advanceTo('2025-06-02T09:30:00Z');
    await settle();
    expect(await statusOf(panel)).toBe('offline');
    const online = widget.next<Gate>('operators.changed', (p) => p.online);
    clock.advanceTo('2025-06-02T23:00:00Z');
    await online;
    expect(await statusOf(panel)).toBe('online');
  });

  it('the widget shows the operator\'s avatar once they upload one', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'me.png');
    const withAvatar = widget.next<Gate>('operators.changed', (p) => p.operators.some((o) => o.avatarUrl !== null));
    const uploaded = await fetch(`${core.url}/api/me/avatar`, { method: 'POST', headers: { authorization: `Bearer ${operatorToken}` }, body: form });
    expect(uploaded.status).toBe(200);
    const card = (await withAvatar).operators.find((o) => o.id === acc.operator.id)!;
    expect(card.avatarUrl).toMatch(new RegExp(`^${PANEL}/api/public/avatars/${acc.operator.id}/`));
    const image = await fetch(`${core.url}${new URL(card.avatarUrl!).pathname}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    // A widget opened now gets it in its first state too.
    const fresh = await visitorSocket(core);
    const state = await fresh.call<VisitorState>('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    expect(state.operators.find((o) => o.id === acc.operator.id)?.avatarUrl).toBe(card.avatarUrl);
  });

  it('with two core processes on one database, one of them switches and announces an edge', async () => {
    // Two cores in this test process share the database the way two nodes do; each has its clock.
    await withPeer(async (peer, peerClock) => {
      const otherPanel = await panelSocket(peer);
      const offline = (socket: TestSocket) => (socket.received.get('operators.status') ?? []).filter((p) => (p as StatusChange).status === 'offline').length;
      const before = offline(panel) + offline(otherPanel);
      clock.advanceTo('2025-06-03T09:00:00Z');
      peerClock.advanceTo('2025-06-03T09:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(offline(panel) + offline(otherPanel) - before).toBe(1);
      expect(await statusOf(otherPanel)).toBe('offline');
    });
  });
});
