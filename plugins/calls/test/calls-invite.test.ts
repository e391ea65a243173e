import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectSocket, type TestSocket } from '../../chat/test/chat-client.js';
import type { CallDto, CallGuestPass, CallHandover, CallInvitation, CallJoin, CallLeg, CallLine, InvitableOperator } from '../shared/calls.protocol.js';
import { CALLS, CallsFixture, PANEL, type Operator, type Visitor } from './calls-fixture.js';

/**
 * D4: an operator in a call invites another operator of the account (their panel rings, they join
 * as a new leg, every leg meets every other), or makes a single-use link for a guest without an
 * account, who joins that call under a name and can do nothing else. Every refusal has its code and
 * leaves the call as it was.
 */

const RING_MS = 30_000;
const GUEST_TTL_S = 600;
const clock = new FakeClock(Date.parse('2026-12-06T12:00:00Z'));
let core: TestCore;
let fx: CallsFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let oleg: Operator;
let bella: Operator;
let vera: Operator;
let offline: Operator;
let stranger: Operator;

type Ack = { ok: boolean; error?: { code: string } };
type Legs = { callId: string; legs: CallLeg[]; seq: number };
type InviteEnded = { callId: string; userId: number; name: string | null; outcome: string };
const code = async (ack: Promise<Ack>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};
const redeem = (token: string, name: unknown = 'Ivan Interpreter') =>
  core.api.call<CallGuestPass & { error?: { code: string } }>('POST', `/api/calls/public/guest/${token}`, { body: { name } });
const tokenOf = (link: CallHandover) => new URL(link.url).pathname.split('/').at(-1)!;
const guestSocket = async (grant: string): Promise<TestSocket> => fx.track(await connectSocket(core.url, CALLS, grant, PANEL));
const hangupAll = async (...ops: Operator[]) => {
  for (const op of ops) for (const c of await op.calls.call<CallDto[]>('calls.mine', {})) if (c.operatorId === op.id) await op.calls.call('call.hangup', { callId: c.id });
};

beforeAll(async () => {
  core = await startTestCore({
    plugins: { chat: {}, calls: { options: { ringTimeoutMs: RING_MS, guestLinkTtlSeconds: GUEST_TTL_S, limits: { startsPerMinute: 100, handoversPerMinute: 100 } } } },
    clock,
  });
  fx = new CallsFixture(core, 'https://calls-invite.example');
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  siteKey = await fx.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Invite shop');
  oleg = await fx.operator(acc.operator);
  bella = await fx.operator(await seedUser(core, acc.accountId, { firstName: 'Bella', lastName: 'Second' }));
  vera = await fx.operator(await seedUser(core, acc.accountId, { firstName: 'Vera', lastName: 'Third' }));
  offline = await fx.operator(await seedUser(core, acc.accountId, { firstName: 'Otto', lastName: 'Away' }), false);
  stranger = await fx.operator(other.operator);
});
afterAll(async () => {
  fx?.closeAll();
  await core?.stop();
});

describe('D4: inviting an operator', () => {
  let visitor: Visitor;
  let call: CallDto;
  let visitorJoin: CallJoin;
  let operatorJoin: CallJoin;
  beforeEach(async () => {
    await hangupAll(oleg, bella, vera);
    visitor = await fx.visitor(siteKey);
    ({ call, visitorJoin, operatorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor)));
  });

  it('offers the online, free operators of the account; the invitee rings, joins as a new leg every leg is told of, and is named in the call and its line', async () => {
    const offered = await oleg.calls.call<InvitableOperator[]>('call.invitable', { callId: call.id });
    expect(offered.map((o) => o.name).sort()).toEqual(['Bella Second', 'Vera Third']);

    const rings = bella.calls.next<CallInvitation>('call.invited');
    expect(await code(oleg.calls.raw('call.invite', { callId: call.id, userId: bella.id }))).toBe('accepted');
    const invitation = await rings;
    expect(invitation).toMatchObject({ call: { id: call.id, state: 'active', operatorId: oleg.id }, invitedBy: 'Oleg Operator' });
    expect(Date.parse(invitation.expiresAt) - clock.now()).toBe(RING_MS);
    // Invited and ringing: not offered again, nor invitable twice.
    expect((await oleg.calls.call<InvitableOperator[]>('call.invitable', { callId: call.id })).map((o) => o.id)).toEqual([vera.id]);
    expect(await code(oleg.calls.raw('call.invite', { callId: call.id, userId: bella.id }))).toBe('operator_busy');

    const told = oleg.calls.next<InviteEnded>('call.invite.ended');
    const atVisitor = visitor.calls.next<Legs>('call.legs', (l) => l.legs.length === 3);
    const join = await bella.calls.call<CallJoin>('call.invite.accept', { callId: call.id });
    expect(join.legs.map((l) => l.id).sort()).toEqual([visitorJoin.legId, operatorJoin.legId, join.legId].sort());
    expect(join.legs.find((l) => l.id === join.legId)).toMatchObject({ side: 'operator', userId: bella.id, name: 'Bella Second' });
    expect(join.call).toMatchObject({ operatorId: oleg.id, participants: ['Bella Second'] });
    expect(await told).toEqual({ callId: call.id, userId: bella.id, name: 'Bella Second', outcome: 'accepted' });
    expect((await atVisitor).legs.map((l) => l.name ?? 'the visitor').sort()).toEqual(['Bella Second', 'Oleg Operator', 'the visitor']);

    // Every leg may signal every other: the invitee to the visitor and to the operator who answered.
    for (const to of [visitorJoin.legId, operatorJoin.legId]) {
      expect(await code(bella.calls.raw('call.signal', { callId: call.id, from: join.legId, to, signal: { candidate: null } }))).toBe('accepted');
    }
    // Accepted once: the invitation is gone; busy in a call now, so not offered.
    expect(await code(bella.calls.raw('call.invite.accept', { callId: call.id }))).toBe('invite_not_found');

    // The invitee hanging up leaves; the call goes on for the two sides.
    const two = visitor.calls.next<Legs>('call.legs', (l) => l.legs.length === 2);
    expect((await bella.calls.call<CallDto>('call.hangup', { callId: call.id })).state).toBe('active');
    expect((await two).legs.map((l) => l.id).sort()).toEqual([visitorJoin.legId, operatorJoin.legId].sort());

    const line = oleg.chat.next<{ kind: string; payload: CallLine }>('message.created', (m) => m.kind === 'calls.call' && m.payload.callId === call.id);
    await oleg.calls.call('call.hangup', { callId: call.id });
    expect((await line).payload).toMatchObject({ outcome: 'answered', operatorName: 'Oleg Operator', participants: ['Bella Second'] });
    expect((await fx.events(call.id)).find((e) => e.name === 'calls.call.invited')?.payload).toMatchObject({ operatorId: oleg.id, inviteeId: bella.id });
  });

  it('a decline and a timeout tell the inviter and leave the call as it is; the call ending closes a ringing invitation', async () => {
    await oleg.calls.call('call.invite', { callId: call.id, userId: bella.id });
    const declined = oleg.calls.next<InviteEnded>('call.invite.ended', (e) => e.outcome === 'declined');
    await bella.calls.call('call.invite.decline', { callId: call.id });
    expect(await declined).toMatchObject({ userId: bella.id, outcome: 'declined' });

    await oleg.calls.call('call.invite', { callId: call.id, userId: vera.id });
    const timedOut = oleg.calls.next<InviteEnded>('call.invite.ended', (e) => e.outcome === 'timeout');
    const closes = vera.calls.next<InviteEnded>('call.invite.ended', (e) => e.outcome === 'timeout');
    clock.advance(RING_MS);
    expect(await timedOut).toMatchObject({ userId: vera.id });
    await closes;
    expect(await code(vera.calls.raw('call.invite.accept', { callId: call.id }))).toBe('invite_not_found');
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).find((c) => c.id === call.id)).toMatchObject({ state: 'active', participants: [] });

    await oleg.calls.call('call.invite', { callId: call.id, userId: bella.id });
    const ended = bella.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'ended');
    await visitor.calls.call('call.hangup', { callId: call.id });
    await ended;
    expect(await code(bella.calls.raw('call.invite.accept', { callId: call.id }))).toBe('invite_not_found');
  });

  it('refuses another account, made-up and offline operators, a busy one, an inviter not in the call, and bad input; nothing is rung', async () => {
    for (const s of [bella.calls, vera.calls]) s.received.delete('call.invited');
    const invite = (by: Operator, userId: unknown, callId = call.id) => code(by.calls.raw('call.invite', { callId, userId }));
    expect(await invite(oleg, stranger.id)).toBe('operator_unavailable');
    expect(await invite(oleg, 987_654)).toBe('operator_unavailable');
    expect(await invite(oleg, offline.id)).toBe('operator_unavailable');
    expect(await invite(oleg, oleg.id)).toBe('operator_busy');
    expect(await invite(bella, vera.id)).toBe('not_in_call');
    expect(await code(bella.calls.raw('call.invitable', { callId: call.id }))).toBe('not_in_call');
    expect(await code(bella.calls.raw('call.guest.link', { callId: call.id }))).toBe('not_in_call');
    expect(await invite(stranger, bella.id)).toBe('call_not_found');
    expect(await code(visitor.calls.raw('call.invite', { callId: call.id, userId: bella.id }))).toBe('forbidden');
    expect(await invite(oleg, 'bella')).toBe('validation_failed');
    expect(await invite(oleg, -1)).toBe('validation_failed');
    expect(await code(bella.calls.raw('call.invite.accept', { callId: call.id }))).toBe('invite_not_found');

    // An operator in another call is busy.
    const elsewhere = await fx.visitor(siteKey);
    await fx.activeCall(vera, elsewhere, await fx.dialogOf(elsewhere));
    expect(await invite(oleg, vera.id)).toBe('operator_busy');
    expect((await oleg.calls.call<InvitableOperator[]>('call.invitable', { callId: call.id })).map((o) => o.id)).toEqual([bella.id]);

    await Promise.all([bella.calls.settled(), vera.calls.settled(), stranger.calls.settled()]);
    for (const s of [bella.calls, vera.calls, stranger.calls, offline.calls]) expect(s.received.get('call.invited')).toBeUndefined();
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).find((c) => c.id === call.id)?.state).toBe('active');
  });
});

describe('D4: a guest by link', () => {
  let visitor: Visitor;
  let call: CallDto;
  let visitorJoin: CallJoin;
  let operatorJoin: CallJoin;
  beforeEach(async () => {
    await hangupAll(oleg, bella, vera);
    visitor = await fx.visitor(siteKey);
    ({ call, visitorJoin, operatorJoin } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor)));
  });

  it('a link works once, for that call: the guest joins under their name as a guest leg, and is named in the call', async () => {
    const link = await oleg.calls.call<CallHandover>('call.guest.link', { callId: call.id });
    expect(link.url).toMatch(/^http:\/\/panel\.test\/call-guest\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - clock.now()).toBe(GUEST_TTL_S * 1000);
    const pass = await redeem(tokenOf(link), '  Ivan <b>Interpreter</b> ');
    expect(pass.status).toBe(200);
    expect(pass.body.call).toMatchObject({ id: call.id, state: 'active' });
    expect((await redeem(tokenOf(link))).body.error?.code).toBe('guest_link_invalid');

    const guest = await guestSocket(pass.body.token);
    expect((await guest.call<CallDto[]>('calls.mine', {})).map((c) => c.id)).toEqual([call.id]);
    const atVisitor = visitor.calls.next<Legs>('call.legs', (l) => l.legs.some((leg) => leg.side === 'guest'));
    const join = await guest.call<CallJoin>('call.join', { callId: call.id });
    expect(join.legs.find((l) => l.id === join.legId)).toEqual({ id: join.legId, side: 'guest', userId: null, name: 'Ivan <b>Interpreter</b>', media: { audio: false, video: false, screen: false } });
    expect((await atVisitor).legs.find((l) => l.side === 'guest')?.name).toBe('Ivan <b>Interpreter</b>');
    expect(join.call.participants).toEqual(['Ivan <b>Interpreter</b>']);
    expect(await code(guest.raw('call.signal', { callId: call.id, from: join.legId, to: visitorJoin.legId, signal: { candidate: null } }))).toBe('accepted');
    expect(await code(guest.raw('call.media', { callId: call.id, legId: join.legId, media: { audio: true, video: false, screen: false } }))).toBe('accepted');

    // The guest hanging up leaves; the call goes on.
    const two = oleg.calls.next<Legs>('call.legs', (l) => l.legs.length === 2);
    expect((await guest.call<CallDto>('call.hangup', { callId: call.id })).state).toBe('active');
    await two;
    expect((await fx.events(call.id)).find((e) => e.name === 'calls.call.invited')?.payload).toMatchObject({ operatorId: oleg.id, inviteeId: null });
  });

  it('a guest cannot start, accept, hand over, invite, ask for the screen, record, act on another call, or use a leg not theirs', async () => {
    const pass = await redeem(tokenOf(await oleg.calls.call<CallHandover>('call.guest.link', { callId: call.id })));
    const guest = await guestSocket(pass.body.token);
    const join = await guest.call<CallJoin>('call.join', { callId: call.id });
    const dialogId = call.dialogId;
    expect(await code(guest.raw('call.start', { dialogId }))).toBe('guest_only');
    expect(await code(guest.raw('call.handover', { callId: call.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.invite', { callId: call.id, userId: bella.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.invitable', { callId: call.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.guest.link', { callId: call.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.accept', { callId: call.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.screen.ask', { callId: call.id }))).toBe('guest_only');
    expect(await code(guest.raw('call.recording.start', { callId: call.id, legId: join.legId }))).toBe('guest_only');
    const another = crypto.randomUUID();
    expect(await code(guest.raw('call.join', { callId: another }))).toBe('guest_only');
    expect(await code(guest.raw('call.signal', { callId: another, from: join.legId, to: visitorJoin.legId, signal: { candidate: null } }))).toBe('guest_only');
    // The operator's leg is not the guest's, though the link was the operator's.
    expect(await code(guest.raw('call.signal', { callId: call.id, from: operatorJoin.legId, to: visitorJoin.legId, signal: { candidate: null } }))).toBe('leg_not_yours');
    expect(await code(guest.raw('call.leave', { callId: call.id, legId: operatorJoin.legId }))).toBe('leg_not_yours');
    // The guest's socket is on no operator's ring: a visitor's call does not ring it.
    await Promise.all([guest.settled(), oleg.calls.settled()]);
    expect(guest.received.get('call.ringing')).toBeUndefined();
    expect((await oleg.calls.call<CallDto[]>('calls.mine', {})).find((c) => c.id === call.id)?.state).toBe('active');
  });

  it('refuses a stale, made-up or malformed link, a bad name, and a link of a call that ended; the grant ends with the call', async () => {
    const stale = await oleg.calls.call<CallHandover>('call.guest.link', { callId: call.id });
    const fresh = await oleg.calls.call<CallHandover>('call.guest.link', { callId: call.id });
    clock.advance(GUEST_TTL_S * 1000 - 1);
    expect((await redeem(tokenOf(fresh), '')).body.error?.code).toBe('validation_failed');
    expect((await redeem(tokenOf(fresh), 'a'.repeat(81))).body.error?.code).toBe('validation_failed');
    expect((await redeem(tokenOf(fresh), 'Bell\u0007')).body.error?.code).toBe('validation_failed');
    expect((await redeem(tokenOf(fresh), { name: 'x' })).body.error?.code).toBe('validation_failed');
    const pass = await redeem(tokenOf(fresh), 'Gleb Guest');
    expect(pass.status).toBe(200);
    clock.advance(1);
    expect((await redeem(tokenOf(stale))).body.error?.code).toBe('guest_link_invalid');
    const unused = await oleg.calls.call<CallHandover>('call.guest.link', { callId: call.id });
    expect((await redeem('A'.repeat(43))).body.error?.code).toBe('guest_link_invalid');
    expect((await core.api.call<{ error?: { code: string } }>('POST', '/api/calls/public/guest/short', { body: { name: 'x' } })).body.error?.code).toBe('validation_failed');
    // A hand-over link is no guest link, nor the other way round.
    const handover = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
    expect((await redeem(tokenOf(handover))).body.error?.code).toBe('guest_link_invalid');

    const guest = await guestSocket(pass.body.token);
    await guest.call('call.join', { callId: call.id });
    await oleg.calls.call('call.hangup', { callId: call.id });
    expect(await code(guest.raw('call.join', { callId: call.id }))).toBe('call_not_active');
    expect((await redeem(tokenOf(unused))).body.error?.code).toBe('guest_link_invalid');
    // The call's end revoked the grant: a new connection with it is refused.
    await expect(connectSocket(core.url, CALLS, pass.body.token, PANEL)).rejects.toThrow();
  });
});
