import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import type { CallDto, CallJoin, CallLeg, CallLine } from '../shared/calls.protocol.js';
import { CallsFixture, type Operator, type Visitor } from './calls-fixture.js';

/** D1 and D2 on the server, on both engines: ringing, answering, ending, the dialog's line and the durable events. */

const RING_MS = 30_000;
const GRACE_MS = 20_000;
const clock = new FakeClock(Date.parse('2026-12-04T10:00:00Z'));
let core: TestCore;
let fx: CallsFixture;
let acc: SeededAccount;
let petr: { id: number; email: string; password: string };
let siteKey: string;
let oleg: Operator;

const refusal = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};
const ended = (socket: Operator['calls'], callId: string) => socket.next<CallDto>('call.updated', (c) => c.id === callId && c.state === 'ended');
const lineOf = (socket: Operator['chat'], callId: string) => socket.next<MessageDto>('message.created', (m) => m.kind === 'calls.call' && (m.payload as CallLine).callId === callId);

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, calls: { options: { limits: { startsPerMinute: 100, handoversPerMinute: 100 } } } }, clock });
  fx = new CallsFixture(core, 'https://calls-shop.example');
  acc = await seedAccount(core);
  petr = await seedUser(core, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
  siteKey = await fx.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Calls shop');
  oleg = await fx.operator(acc.operator);
});
afterAll(async () => {
  fx?.closeAll();
  await core?.stop();
});

describe('D1: an operator calls a visitor', () => {
  let visitor: Visitor;
  let dialogId: string;
  beforeAll(async () => {
    visitor = await fx.visitor(siteKey);
    dialogId = await fx.dialogOf(visitor);
  });

  it('rings every open page of the visitor; one accepts, the other page hears it is active; the operator joins; a hang-up ends it for both with the line and the events', async () => {
    const second = await visitor.page();
    const ringing = [visitor.calls, second].map((s) => s.next<CallDto>('call.ringing'));
    const call = await oleg.calls.call<CallDto>('call.start', { dialogId, video: true });
    expect(call).toMatchObject({ dialogId, visitorId: visitor.id, direction: 'operator-to-visitor', state: 'ringing', video: true, operatorId: acc.operator.id, operatorName: 'Oleg Operator', backend: 'webrtc' });
    expect(await Promise.all(ringing)).toEqual([call, call]);

    const onSecond = second.next<CallDto>('call.updated', (c) => c.state === 'active');
    const atOperator = oleg.calls.next<CallDto>('call.updated', (c) => c.state === 'active');
    clock.advance(4000);
    const accepted = await visitor.calls.call<CallJoin>('call.accept', { callId: call.id });
    expect(accepted).toMatchObject({ call: { id: call.id, state: 'active' }, legs: [{ id: accepted.legId, side: 'visitor', userId: null }], iceServers: [], iceTransportPolicy: 'all', jitsi: null });
    expect((await onSecond).id).toBe(call.id);
    await atOperator;

    const legsAtVisitor = visitor.calls.next<{ legs: CallLeg[] }>('call.legs', (l) => l.legs.length === 2);
    const joined = await oleg.calls.call<CallJoin>('call.join', { callId: call.id });
    // Told "active" once the visitor's leg was in: the caller's join names it, no call.legs needed before.
    expect(joined.legs.map((l) => l.id)).toContain(accepted.legId);
    // Legs come in the order they joined (ties — the same millisecond — in any order).
    expect(joined.legs.map((l) => l.side).sort()).toEqual(['operator', 'visitor']);
    expect((await legsAtVisitor).legs.map((l) => l.id).sort()).toEqual([accepted.legId, joined.legId].sort());

    // Signalling flows leg to leg, both ways, to the leg's own page only.
    const offer = { description: { type: 'offer' as const, sdp: 'v=0\r\n' } };
    const atVisitor = visitor.calls.next('call.signal');
    expect(await refusal(oleg.calls.raw('call.signal', { callId: call.id, from: joined.legId, to: accepted.legId, signal: offer }))).toBe('accepted');
    expect(await atVisitor).toEqual({ callId: call.id, from: joined.legId, to: accepted.legId, signal: offer });
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    const atOleg = oleg.calls.next('call.signal');
    await visitor.calls.call('call.signal', { callId: call.id, from: accepted.legId, to: joined.legId, signal: candidate });
    expect(await atOleg).toMatchObject({ signal: candidate });
    await second.settled();
    expect(second.received.get('call.signal')).toBeUndefined();

    clock.advance(65_000);
    const line = lineOf(oleg.chat, call.id);
    const atVisitorEnd = ended(visitor.calls, call.id);
    const hung = await oleg.calls.call<CallDto>('call.hangup', { callId: call.id });
    expect(hung).toMatchObject({ state: 'ended', endReason: 'hangup', endedBy: 'operator' });
    expect(await atVisitorEnd).toEqual(hung);
    const message = await line;
    expect(message.payload).toEqual({ callId: call.id, direction: 'operator-to-visitor', outcome: 'answered', operatorName: 'Oleg Operator', startedAt: call.createdAt, durationSec: 65, endedBy: 'operator' });
    expect(message.text).toBe('Звонок посетителю: 1 мин 5 с');
    expect(message.dialogId).toBe(dialogId);

    const events = await fx.events(call.id);
    expect(events.map((e) => e.name)).toEqual(['calls.call.started', 'calls.call.answered', 'calls.call.ended']);
    expect(events[0]!.payload).toMatchObject({ accountId: acc.accountId, dialogId, visitorId: visitor.id, direction: 'operator-to-visitor', operatorId: acc.operator.id, video: true });
    expect(events[1]!.payload).toMatchObject({ operatorId: acc.operator.id, waitMs: 4000 });
    expect(events[2]!.payload).toMatchObject({ reason: 'hangup', endedBy: 'operator', waitMs: 4000, durationMs: 65_000 });
    // Ended: its legs are gone, nothing can be joined or signalled any more.
    expect(await refusal(visitor.calls.raw('call.join', { callId: call.id }))).toBe('call_not_active');
    expect(await refusal(oleg.calls.raw('call.signal', { callId: call.id, from: joined.legId, to: accepted.legId, signal: offer }))).toBe('call_not_active');
  });

  it('declined by the visitor: the operator hears it, the dialog says so', async () => {
    const call = await oleg.calls.call<CallDto>('call.start', { dialogId });
    const atOleg = ended(oleg.calls, call.id);
    const line = lineOf(oleg.chat, call.id);
    expect(await visitor.calls.call<CallDto>('call.decline', { callId: call.id })).toMatchObject({ state: 'ended', endReason: 'declined', endedBy: 'visitor' });
    expect((await atOleg).endReason).toBe('declined');
    expect(await line).toMatchObject({ text: 'Звонок посетителю: отклонён', payload: { outcome: 'declined', durationSec: null } });
    expect(await refusal(visitor.calls.raw('call.accept', { callId: call.id }))).toBe('call_not_ringing');
  });

  it('rings out after the ring timeout as `timeout`', async () => {
    const call = await oleg.calls.call<CallDto>('call.start', { dialogId });
    // A second call in the same dialog while one rings is refused.
    expect(await refusal(oleg.calls.raw('call.start', { dialogId }))).toBe('call_in_progress');
    const atVisitor = ended(visitor.calls, call.id);
    const line = lineOf(oleg.chat, call.id);
    clock.advance(RING_MS - 1);
    await oleg.calls.settled();
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).map((c) => c.id)).toEqual([call.id]);
    clock.advance(1);
    expect(await atVisitor).toMatchObject({ endReason: 'timeout', endedBy: null });
    expect((await line).payload).toMatchObject({ outcome: 'timeout' });
    const events = await fx.events(call.id);
    expect(events.at(-1)).toMatchObject({ name: 'calls.call.ended', payload: { reason: 'timeout', waitMs: RING_MS, durationMs: 0 } });
  });

  it('cancelled by the operator while it rings', async () => {
    const call = await oleg.calls.call<CallDto>('call.start', { dialogId });
    const atVisitor = ended(visitor.calls, call.id);
    expect(await oleg.calls.call<CallDto>('call.hangup', { callId: call.id })).toMatchObject({ endReason: 'cancelled', endedBy: 'operator' });
    expect((await atVisitor).endReason).toBe('cancelled');
  });

  it("refuses a dialog of another account, an unknown dialog and a closed one", async () => {
    const other = await seedAccount(core, 'Other');
    const theirKey = await fx.addSite((await core.api.login(other.admin.email, other.admin.password)).accessToken, 'Theirs', 'https://calls-theirs.example');
    const theirVisitor = await fx.visitor(theirKey, 'https://calls-theirs.example');
    const theirDialog = await fx.dialogOf(theirVisitor);
    expect(await refusal(oleg.calls.raw('call.start', { dialogId: theirDialog }))).toBe('dialog_not_found');
    expect(await refusal(oleg.calls.raw('call.start', { dialogId: 'no-such-dialog' }))).toBe('dialog_not_found');
    expect(await refusal(oleg.calls.raw('call.start', { dialogId: theirDialog, extra: 1 }))).toBe('validation_failed');
    await theirVisitor.calls.settled();
    expect(theirVisitor.calls.received.get('call.ringing')).toBeUndefined();
    const v = await fx.visitor(siteKey);
    const closed = await fx.dialogOf(v);
    await oleg.chat.call('dialog.close', { dialogId: closed });
    expect(await refusal(oleg.calls.raw('call.start', { dialogId: closed }))).toBe('dialog_closed');
  });
});

describe('D2: a visitor calls the operators', () => {
  let petrOp: Operator;
  beforeAll(async () => {
    petrOp = await fx.operator(petr);
  });
  afterEach(async () => {
    for (const op of [oleg, petrOp]) await op.chat.call('operator.status', { status: 'online' });
  });

  it('rings every online operator with the panel open; the first to accept gets it, the other is told and refused', async () => {
    const visitor = await fx.visitor(siteKey);
    const rings = [oleg, petrOp].map((o) => o.calls.next<CallDto>('call.ringing', (c) => c.visitorId === visitor.id));
    const call = await visitor.calls.call<CallDto>('call.start', { video: false });
    expect(call).toMatchObject({ direction: 'visitor-to-operator', state: 'ringing', operatorId: null });
    expect(await Promise.all(rings)).toEqual([call, call]);

    // Both listen before the accepts: the loser's call_taken and the winner's call.updated may come in either order.
    const olegHears = oleg.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const petrHears = petrOp.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const visitorHears = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const [a, b] = await Promise.all([petrOp.calls.raw('call.accept', { callId: call.id }), oleg.calls.raw('call.accept', { callId: call.id })]);
    // Exactly one wins (sent together: the database decides), the other hears who.
    const [winner, loser] = a.ok ? [petrOp, oleg] : [oleg, petrOp];
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect((a.ok ? b : a) as unknown).toMatchObject({ ok: false, error: { code: 'call_taken' } });
    const active = await (loser === oleg ? olegHears : petrHears);
    expect(active).toMatchObject({ state: 'active', operatorId: winner.id });
    expect((await visitorHears).operatorId).toBe(winner.id);

    const join = await visitor.calls.call<CallJoin>('call.join', { callId: call.id });
    expect(join.legs.map((l) => l.side).sort()).toEqual(['operator', 'visitor']);
    expect(await refusal(loser.calls.raw('call.join', { callId: call.id }))).toBe('not_in_call');

    const atWinner = ended(winner.calls, call.id);
    const line = lineOf(winner.chat, call.id);
    expect(await visitor.calls.call<CallDto>('call.hangup', { callId: call.id })).toMatchObject({ endReason: 'hangup', endedBy: 'visitor' });
    expect((await atWinner).endedBy).toBe('visitor');
    expect((await line).payload).toMatchObject({ direction: 'visitor-to-operator', outcome: 'answered', operatorName: winner === oleg ? 'Oleg Operator' : 'Petr Second', endedBy: 'visitor' });
  });

  it('rings the assignee alone when their panel is connected', async () => {
    const visitor = await fx.visitor(siteKey);
    const dialogId = await fx.dialogOf(visitor);
    await oleg.chat.call('dialog.transfer', { dialogId, toUserId: petr.id });
    const ring = petrOp.calls.next<CallDto>('call.ringing', (c) => c.visitorId === visitor.id);
    const call = await visitor.calls.call<CallDto>('call.start', {});
    expect((await ring).id).toBe(call.id);
    await oleg.calls.settled();
    expect((oleg.calls.received.get('call.ringing') ?? []).some((c) => (c as CallDto).id === call.id)).toBe(false);
    await visitor.calls.call('call.hangup', { callId: call.id });
  });

  it('does not ring an operator who is in a call already: the assignee in a call passes it on; all of them busy is a missed call', async () => {
    const first = await fx.visitor(siteKey);
    const { call: busyCall } = await fx.activeCall(oleg, first, await fx.dialogOf(first));
    const visitor = await fx.visitor(siteKey);
    const dialogId = await fx.dialogOf(visitor);
    await petrOp.chat.call('dialog.transfer', { dialogId, toUserId: acc.operator.id });
    const ring = petrOp.calls.next<CallDto>('call.ringing', (c) => c.visitorId === visitor.id);
    const call = await visitor.calls.call<CallDto>('call.start', {});
    expect((await ring).id).toBe(call.id);
    await oleg.calls.settled();
    expect((oleg.calls.received.get('call.ringing') ?? []).some((c) => (c as CallDto).id === call.id)).toBe(false);
    await visitor.calls.call('call.hangup', { callId: call.id });

    await petrOp.chat.call('operator.status', { status: 'offline' });
    const third = await fx.visitor(siteKey);
    expect(await third.calls.call<CallDto>('call.start', {})).toMatchObject({ state: 'ended', endReason: 'missed' });
    await oleg.calls.call('call.hangup', { callId: busyCall.id });
  });

  it('is missed at once when nobody is online, and after the ring timeout when nobody accepts; one decline of two keeps it ringing', async () => {
    for (const op of [oleg, petrOp]) await op.chat.call('operator.status', { status: 'offline' });
    const lonely = await fx.visitor(siteKey);
    const missed = await lonely.calls.call<CallDto>('call.start', {});
    expect(missed).toMatchObject({ state: 'ended', endReason: 'missed', endedBy: null });
    expect((await fx.events(missed.id)).map((e) => e.name)).toEqual(['calls.call.started', 'calls.call.ended']);

    for (const op of [oleg, petrOp]) await op.chat.call('operator.status', { status: 'online' });
    const visitor = await fx.visitor(siteKey);
    const call = await visitor.calls.call<CallDto>('call.start', {});
    expect(await oleg.calls.call<CallDto>('call.decline', { callId: call.id })).toMatchObject({ state: 'ringing' });
    expect(await refusal(oleg.calls.raw('call.accept', { callId: call.id }))).toBe('not_in_call');
    const line = lineOf(petrOp.chat, call.id);
    const atVisitor = ended(visitor.calls, call.id);
    clock.advance(RING_MS);
    expect(await atVisitor).toMatchObject({ endReason: 'missed' });
    expect(await line).toMatchObject({ text: 'Пропущенный звонок от посетителя', payload: { outcome: 'missed', operatorName: null } });
  });

  it('declined by the only operator rung ends it as declined', async () => {
    await petrOp.chat.call('operator.status', { status: 'offline' });
    const visitor = await fx.visitor(siteKey);
    const call = await visitor.calls.call<CallDto>('call.start', {});
    const atVisitor = ended(visitor.calls, call.id);
    await oleg.calls.call('call.decline', { callId: call.id });
    expect(await atVisitor).toMatchObject({ endReason: 'declined', endedBy: 'operator' });
  });
});

describe('legs: a page that goes and the next that comes', () => {
  it("keeps the call when the visitor's next page re-joins within the grace period, and ends it as `left` when none does", async () => {
    const visitor = await fx.visitor(siteKey);
    const dialogId = await fx.dialogOf(visitor);
    const { call, operatorJoin } = await fx.activeCall(oleg, visitor, dialogId);
    const gone = oleg.calls.next<{ callId: string; legs: CallLeg[] }>('call.legs', (l) => l.callId === call.id && l.legs.length === 1);
    visitor.calls.close();
    expect((await gone).legs.map((l) => l.id)).toEqual([operatorJoin.legId]);

    clock.advance(GRACE_MS - 1000);
    const next = await visitor.page();
    expect((await next.call<CallDto[]>('calls.mine', {})).map((c) => [c.id, c.state])).toEqual([[call.id, 'active']]);
    const back = await next.call<CallJoin>('call.join', { callId: call.id });
    expect(back.legs.map((l) => l.side).sort()).toEqual(['operator', 'visitor']);
    clock.advance(5000);
    await oleg.calls.settled();
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).find((c) => c.id === call.id)?.state).toBe('active');

    const atOleg = ended(oleg.calls, call.id);
    next.close();
    await oleg.calls.next('call.legs', (l: { legs: CallLeg[] }) => l.legs.length === 1);
    clock.advance(GRACE_MS);
    expect(await atOleg).toMatchObject({ endReason: 'left', endedBy: 'visitor' });
  });
});

describe('a deleted site', () => {
  it("takes its calls with it; another site's stay", async () => {
    const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const doomedUrl = 'https://calls-doomed.example';
    const doomedKey = await fx.addSite(adminToken, 'Doomed', doomedUrl);
    const doomed = await fx.visitor(doomedKey, doomedUrl);
    const kept = await fx.visitor(siteKey);
    const gone = await oleg.calls.call<CallDto>('call.start', { dialogId: await fx.dialogOf(doomed) });
    const stays = await oleg.calls.call<CallDto>('call.start', { dialogId: await fx.dialogOf(kept) });
    expect((await core.api.call('DELETE', `/api/sites/${gone.siteId}`, { token: adminToken })).status).toBe(204);
    // Removed by the plugin's `core.site.deleted` subscriber, after the answer.
    await expect.poll(async () => (await oleg.calls.call<CallDto[]>('calls.mine', {})).map((c) => c.id).includes(gone.id)).toBe(false);
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).map((c) => c.id)).toContain(stays.id);
    await oleg.calls.call('call.hangup', { callId: stays.id });
  });
});

describe('legs joining at once', () => {
  it('leave every leg with a last call.legs that names them all', async () => {
    const visitor = await fx.visitor(siteKey);
    const { call } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor));
    const pages = await Promise.all([visitor.page(), visitor.page(), visitor.page()]);
    oleg.calls.received.delete('call.legs');
    const joins = await Promise.all(pages.map((p) => p.call<CallJoin>('call.join', { callId: call.id })));
    await Promise.all([oleg.calls.settled(), ...pages.map((p) => p.settled())]);
    const all = [...new Set(joins.flatMap((j) => j.legs.map((l) => l.id)))].sort();
    expect(all).toHaveLength(5);
    for (const socket of [oleg.calls, ...pages]) {
      const lists = (socket.received.get('call.legs') ?? []) as { callId: string; legs: CallLeg[] }[];
      expect(lists.filter((l) => l.callId === call.id).at(-1)?.legs.map((l) => l.id).sort()).toEqual(all);
    }
    await oleg.calls.call('call.hangup', { callId: call.id });
  });
});
