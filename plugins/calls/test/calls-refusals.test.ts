import { io } from 'socket.io-client';
import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectSocket, type TestSocket } from '../../chat/test/chat-client.js';
import type { CallDto, CallHandover, CallJoin, CallLeg } from '../shared/calls.protocol.js';
import { turnCredential } from '../server/turn-credentials.js';
import { CALLS, CallsFixture, PANEL, type Operator, type Visitor } from './calls-fixture.js';

/**
 * Bad input on /calls: signalling for a call you are not in, another account's call, a leg that is
 * not yours, a flood of offers, stale, reused and foreign hand-over links — each refused with its
 * code, nothing else disturbed. And the hand-over itself (D3), and TURN credentials at join.
 */

const OFFERS_PER_MINUTE = 5;
const HANDOVER_TTL_S = 120;
const TURN = { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'refusals-turn-secret', ttlSeconds: 900 };
const clock = new FakeClock(Date.parse('2026-12-04T12:00:00Z'));
let core: TestCore;
let fx: CallsFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let oleg: Operator;
let stranger: Operator;

const code = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};
const offer = (n: number) => ({ description: { type: 'offer' as const, sdp: `v=0\r\no=- ${n} 2 IN IP4 127.0.0.1\r\n` } });
const redeem = (token: string) => core.api.call<{ token: string; call: CallDto; error?: { code: string } }>('POST', `/api/calls/public/handover/${token}`, {});
const tokenOf = (handover: CallHandover) => new URL(handover.url).pathname.split('/').at(-1)!;

/** A phone's socket holding a hand-over grant (from the panel's origin, as the phone opens the panel's /call/ page). */
async function phone(grant: string): Promise<TestSocket> {
  return fx.track(await connectSocket(core.url, CALLS, grant, PANEL));
}

beforeAll(async () => {
  core = await startTestCore({
    plugins: { chat: {}, calls: { options: { turn: TURN, stunUrls: ['stun:127.0.0.1:3478'], handoverTtlSeconds: HANDOVER_TTL_S, limits: { startsPerMinute: 100, offersPerMinute: OFFERS_PER_MINUTE, handoversPerMinute: 100 } } } },
    clock,
  });
  fx = new CallsFixture(core, 'https://calls-refusals.example');
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  siteKey = await fx.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Refusals shop');
  oleg = await fx.operator(acc.operator);
  stranger = await fx.operator(other.operator);
});
afterAll(async () => {
  fx?.closeAll();
  await core?.stop();
});

describe('signalling refusals', () => {
  let visitor: Visitor;
  let call: CallDto;
  let visitorJoin: CallJoin;
  let operatorJoin: CallJoin;
  beforeAll(async () => {
    visitor = await fx.visitor(siteKey);
    ({ call, visitorJoin, operatorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor)));
  });

  it('hands each joining leg STUN and a TURN credential of its own (coturn REST-API scheme)', () => {
    const expiry = Math.floor(clock.now() / 1000) + TURN.ttlSeconds;
    expect(operatorJoin.iceServers).toEqual([{ urls: ['stun:127.0.0.1:3478'] }, { urls: TURN.urls, ...turnCredential(TURN.secret, operatorJoin.legId, expiry) }]);
    expect(visitorJoin.iceServers[1]).toMatchObject({ username: `${expiry}:${visitorJoin.legId}` });
  });

  it('refuses a visitor who is not in the call, an operator of another account, a leg not yours and a leg not in the call; nothing reaches anyone', async () => {
    const bystander = await fx.visitor(siteKey);
    const signal = { callId: call.id, from: visitorJoin.legId, to: operatorJoin.legId, signal: offer(1) };
    expect(await code(bystander.calls.raw('call.signal', signal))).toBe('not_in_call');
    expect(await code(bystander.calls.raw('call.join', { callId: call.id }))).toBe('not_in_call');
    expect(await code(bystander.calls.raw('call.hangup', { callId: call.id }))).toBe('not_in_call');
    // Another account's call does not exist for them: the same answer as a call id made up.
    expect(await code(stranger.calls.raw('call.signal', { ...signal, from: operatorJoin.legId, to: visitorJoin.legId }))).toBe('call_not_found');
    expect(await code(stranger.calls.raw('call.hangup', { callId: call.id }))).toBe('call_not_found');
    expect(await code(stranger.calls.raw('call.handover', { callId: call.id }))).toBe('call_not_found');
    expect(await code(oleg.calls.raw('call.join', { callId: crypto.randomUUID() }))).toBe('call_not_found');
    // The operator's socket naming the visitor's leg as its own; another page of the visitor naming the first page's leg.
    expect(await code(oleg.calls.raw('call.signal', { ...signal, from: visitorJoin.legId, to: operatorJoin.legId }))).toBe('leg_not_yours');
    const otherPage = await visitor.page();
    expect(await code(otherPage.raw('call.signal', signal))).toBe('leg_not_yours');
    expect(await code(visitor.calls.raw('call.signal', { ...signal, to: crypto.randomUUID() }))).toBe('leg_unknown');
    expect(await code(visitor.calls.raw('call.signal', { ...signal, to: visitorJoin.legId }))).toBe('leg_unknown');
    expect(await code(visitor.calls.raw('call.media', { callId: call.id, legId: operatorJoin.legId, media: { audio: true, video: false, screen: false } }))).toBe('leg_not_yours');
    expect(await code(oleg.calls.raw('call.leave', { callId: call.id, legId: visitorJoin.legId }))).toBe('leg_not_yours');
    // Malformed: an oversized SDP, an unknown field.
    expect(await code(visitor.calls.raw('call.signal', { ...signal, signal: { description: { type: 'offer', sdp: 'x'.repeat(30_001) } } }))).toBe('validation_failed');
    expect(await code(visitor.calls.raw('call.signal', { ...signal, signal: { description: { type: 'offer' }, extra: true } }))).toBe('validation_failed');

    await Promise.all([oleg.calls.settled(), visitor.calls.settled(), stranger.calls.settled()]);
    for (const s of [oleg.calls, visitor.calls, otherPage, stranger.calls]) expect(s.received.get('call.signal')).toBeUndefined();
    // The call goes on, untouched.
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).find((c) => c.id === call.id)?.state).toBe('active');
  });

  it("relays one leg's signals in the order it sent them, though an offer takes longer to check than a candidate", async () => {
    const sent = [
      offer(7),
      ...Array.from({ length: 4 }, (_, i) => ({ candidate: { candidate: `candidate:${i} 1 udp 2122260223 127.0.0.1 ${50000 + i} typ host`, sdpMid: '0', sdpMLineIndex: 0 } })),
      { candidate: null },
    ];
    const got: unknown[] = [];
    const all = new Promise<void>((resolve) => {
      const listener = (m: { from: string; signal: unknown }) => {
        if (m.from !== operatorJoin.legId) return;
        got.push(m.signal);
        if (got.length === sent.length) resolve(void visitor.calls.socket.off('call.signal', listener));
      };
      visitor.calls.socket.on('call.signal', listener);
    });
    // Sent at once, none awaiting the previous one's answer, as a browser's ICE agent does.
    const acks = sent.map((signal) => oleg.calls.raw('call.signal', { callId: call.id, from: operatorJoin.legId, to: visitorJoin.legId, signal }));
    await all;
    expect(got).toEqual(sent);
    expect((await Promise.all(acks)).every((a) => a.ok)).toBe(true);
  });

  it('limits offers per leg: past the budget rate_limited, while the other leg and candidates still pass', async () => {
    const acks = [];
    for (let i = 0; i <= OFFERS_PER_MINUTE; i++) acks.push(await code(visitor.calls.raw('call.signal', { callId: call.id, from: visitorJoin.legId, to: operatorJoin.legId, signal: offer(i) })));
    expect(acks).toEqual([...Array<string>(OFFERS_PER_MINUTE).fill('accepted'), 'rate_limited']);
    const answer = { description: { type: 'answer' as const, sdp: 'v=0\r\n' } };
    const heard = visitor.calls.next('call.signal', (m: { signal: unknown }) => JSON.stringify(m.signal) === JSON.stringify(answer));
    expect(await code(oleg.calls.raw('call.signal', { callId: call.id, from: operatorJoin.legId, to: visitorJoin.legId, signal: answer }))).toBe('accepted');
    expect(await code(oleg.calls.raw('call.signal', { callId: call.id, from: operatorJoin.legId, to: visitorJoin.legId, signal: offer(99) }))).toBe('accepted');
    await heard;
    expect(await code(visitor.calls.raw('call.signal', { callId: call.id, from: visitorJoin.legId, to: operatorJoin.legId, signal: { candidate: null } }))).toBe('accepted');
    expect(oleg.calls.received.get('call.signal')).toHaveLength(OFFERS_PER_MINUTE + 1);
  });

  it('relays media states and E6 screen requests to the other side only', async () => {
    const legs = oleg.calls.next<{ legs: CallLeg[] }>('call.legs', (l) => l.legs.some((leg) => leg.media.video));
    await visitor.calls.call('call.media', { callId: call.id, legId: visitorJoin.legId, media: { audio: true, video: true, screen: false } });
    expect((await legs).legs.find((l) => l.id === visitorJoin.legId)?.media).toEqual({ audio: true, video: true, screen: false });
    const asked = visitor.calls.next('call.screen.asked');
    await oleg.calls.call('call.screen.ask', { callId: call.id });
    expect(await asked).toEqual({ callId: call.id, operatorName: 'Oleg Operator' });
    const answered = oleg.calls.next('call.screen.answered');
    await visitor.calls.call('call.screen.answer', { callId: call.id, allow: true });
    expect(await answered).toEqual({ callId: call.id, allow: true });
    expect(await code(visitor.calls.raw('call.screen.ask', { callId: call.id }))).toBe('forbidden');
  });
});

describe('D3: hand-over to a phone', () => {
  // Calls the tests above leave live would keep the operator busy, and a busy operator is not rung.
  beforeEach(async () => {
    for (const c of await oleg.calls.call<CallDto[]>('calls.mine', {})) await oleg.calls.call('call.hangup', { callId: c.id });
  });

  it('the desktop the phone lets go is told (the list without its leg) and hears the call no more; every list numbered higher than the one before', async () => {
    type Legs = { callId: string; legs: CallLeg[]; seq: number };
    const visitor = await fx.visitor(siteKey);
    const { call, operatorJoin, visitorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor));
    expect(operatorJoin.legsSeq).toBeGreaterThan(visitorJoin.legsSeq);
    const device = await phone((await redeem(tokenOf(await oleg.calls.call<CallHandover>('call.handover', { callId: call.id })))).body.token);
    const onPhone = await device.call<CallJoin>('call.join', { callId: call.id });
    expect(onPhone.legsSeq).toBeGreaterThan(operatorJoin.legsSeq);

    // The phone lets the desktop's leg go (make before break, as the phone's page does once it hears the visitor).
    const told = oleg.calls.next<Legs>('call.legs', (l) => l.callId === call.id && !l.legs.some((x) => x.id === operatorJoin.legId));
    const atVisitor = visitor.calls.next<Legs>('call.legs', (l) => l.callId === call.id && l.legs.length === 2);
    await device.call('call.leave', { callId: call.id, legId: operatorJoin.legId });
    const list = await told;
    expect(list.legs.map((l) => l.id).sort()).toEqual([onPhone.legId, visitorJoin.legId].sort());
    expect(list.seq).toBeGreaterThan(onPhone.legsSeq);
    expect((await atVisitor).seq).toBe(list.seq);

    // Out of the call's room now: the next list reaches the legs in the call, not the desktop.
    oleg.calls.received.delete('call.legs');
    const later = visitor.calls.next<Legs>('call.legs', (l) => l.callId === call.id && l.seq > list.seq);
    await device.call('call.media', { callId: call.id, legId: onPhone.legId, media: { audio: true, video: true, screen: false } });
    expect((await later).legs.find((l) => l.id === onPhone.legId)?.media.video).toBe(true);
    await oleg.calls.settled();
    expect(((oleg.calls.received.get('call.legs') ?? []) as Legs[]).filter((l) => l.callId === call.id)).toEqual([]);
    await device.call('call.hangup', { callId: call.id });
  });

  it('a link works once: the phone joins that call as the operator, hears only it, and the desktop leaves after', async () => {
    const visitor = await fx.visitor(siteKey);
    const { call, operatorJoin, visitorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor));
    const handover = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    expect(handover.url).toMatch(/^http:\/\/panel\.test\/call\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(handover.expiresAt) - clock.now()).toBe(HANDOVER_TTL_S * 1000);

    const redeemed = await redeem(tokenOf(handover));
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.call).toMatchObject({ id: call.id, state: 'active' });
    // Single use: the same link again is refused, as is one made up.
    expect((await redeem(tokenOf(handover))).body.error?.code).toBe('handover_invalid');
    expect((await redeem('A'.repeat(43))).body.error?.code).toBe('handover_invalid');

    const device = await phone(redeemed.body.token);
    expect((await device.call<CallDto[]>('calls.mine', {})).map((c) => c.id)).toEqual([call.id]);
    const legsAtVisitor = visitor.calls.next<{ legs: CallLeg[] }>('call.legs', (l) => l.legs.length === 3);
    const onPhone = await device.call<CallJoin>('call.join', { callId: call.id });
    expect(onPhone.legs.map((l) => l.side).sort()).toEqual(['operator', 'operator', 'visitor']);
    expect((await legsAtVisitor).legs.find((l) => l.id === onPhone.legId)).toMatchObject({ side: 'operator', userId: acc.operator.id });

    // The phone signals its own leg; the desktop leaves (make before break) and the call goes on.
    const atVisitor = visitor.calls.next('call.signal', (m: { from: string }) => m.from === onPhone.legId);
    await device.call('call.signal', { callId: call.id, from: onPhone.legId, to: visitorJoin.legId, signal: offer(1) });
    await atVisitor;
    const two = visitor.calls.next<{ legs: CallLeg[] }>('call.legs', (l) => l.legs.length === 2);
    await oleg.calls.call('call.leave', { callId: call.id, legId: operatorJoin.legId });
    expect((await two).legs.map((l) => l.id).sort()).toEqual([onPhone.legId, visitorJoin.legId].sort());

    // The grant is for that call only: no other call, no new one, and no ringing reaches the phone.
    const second = await fx.visitor(siteKey);
    const secondDialog = await fx.dialogOf(second);
    const otherCall = await oleg.calls.call<CallDto>('call.start', { dialogId: secondDialog });
    expect(await code(device.raw('call.hangup', { callId: otherCall.id }))).toBe('handover_only');
    expect(await code(device.raw('call.start', { dialogId: secondDialog }))).toBe('handover_only');
    expect(await code(device.raw('call.handover', { callId: otherCall.id }))).toBe('handover_only');
    await oleg.calls.call('call.hangup', { callId: otherCall.id });
    // The operator is in a call (on the phone), so a visitor's call does not ring them: with nobody
    // else online it is missed at once, and neither the desktop nor the phone hears a ring.
    expect(await second.calls.call<CallDto>('call.start', {})).toMatchObject({ state: 'ended', endReason: 'missed' });
    await Promise.all([device.settled(), oleg.calls.settled()]);
    expect(device.received.get('call.ringing')).toBeUndefined();
    expect(((oleg.calls.received.get('call.ringing') ?? []) as CallDto[]).some((c) => c.visitorId === second.id)).toBe(false);

    // The phone hangs up: the call ends for everyone and the grant dies with it.
    const ended = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'ended');
    expect(await device.call<CallDto>('call.hangup', { callId: call.id })).toMatchObject({ endReason: 'hangup', endedBy: 'operator' });
    await ended;
    await expect(phone(redeemed.body.token)).rejects.toThrow('unauthorized');
  });

  it("takes a visitor's call on the phone while it rings: the phone's accept is the operator's", async () => {
    const visitor = await fx.visitor(siteKey);
    const ring = oleg.calls.next<CallDto>('call.ringing', (c) => c.visitorId === visitor.id);
    const call = await visitor.calls.call<CallDto>('call.start', {});
    await ring;
    const handover = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    const device = await phone((await redeem(tokenOf(handover))).body.token);
    expect((await device.call<CallDto[]>('calls.mine', {})).map((c) => [c.id, c.state])).toEqual([[call.id, 'ringing']]);
    // Another visitor's call rings the operator's panel, never the phone: the grant is for one call.
    const other = await fx.visitor(siteKey);
    const rings = oleg.calls.next<CallDto>('call.ringing', (c) => c.visitorId === other.id);
    const otherCall = await other.calls.call<CallDto>('call.start', {});
    expect((await rings).id).toBe(otherCall.id);
    await device.settled();
    expect(((device.received.get('call.ringing') ?? []) as CallDto[]).some((c) => c.id === otherCall.id)).toBe(false);
    await other.calls.call('call.hangup', { callId: otherCall.id });
    const atDesktop = oleg.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const join = await device.call<CallJoin>('call.accept', { callId: call.id });
    expect(join.legs).toEqual([expect.objectContaining({ side: 'operator', userId: acc.operator.id })]);
    expect((await atDesktop).operatorId).toBe(acc.operator.id);
    await device.call('call.hangup', { callId: call.id });
  });

  it('refuses a stale link, a link of an ended call, a grant from a site page, and a hand-over by whom the call is not for', async () => {
    const visitor = await fx.visitor(siteKey);
    const { call } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor));
    const stale = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    clock.advance(HANDOVER_TTL_S * 1000);
    expect((await redeem(tokenOf(stale))).body.error?.code).toBe('handover_invalid');

    const fresh = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    const grant = (await redeem(tokenOf(fresh))).body.token;
    // A grant is accepted from the panel's origin only: a page of a site cannot use one it stole.
    const fromSite = io(`${core.url}/calls`, { auth: { token: grant }, transports: ['websocket'], extraHeaders: { origin: fx.site }, reconnection: false });
    await expect(new Promise<void>((resolve, reject) => (fromSite.once('connect', () => resolve()), fromSite.once('connect_error', reject)))).rejects.toThrow('unauthorized');
    fromSite.close();
    // A grant is no panel session: /chat refuses it.
    await expect(connectSocket(core.url, { namespace: '/chat', probe: ['dialogs.counts', {}] }, grant, PANEL)).rejects.toThrow('unauthorized');

    expect(await code(visitor.calls.raw('call.handover', { callId: call.id }))).toBe('forbidden');
    const unused = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    await oleg.calls.call('call.hangup', { callId: call.id });
    expect((await redeem(tokenOf(unused))).body.error?.code).toBe('handover_invalid');
    expect(await code(oleg.calls.raw('call.handover', { callId: call.id }))).toBe('not_in_call');
  });
});
