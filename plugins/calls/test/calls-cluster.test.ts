import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRedis } from '../../../scripts/testing/redis.mjs';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { CallDto, CallJoin, CallLeg } from '../shared/calls.protocol.js';
import { CallsFixture, type Operator } from './calls-fixture.js';

/**
 * Calls on two core processes sharing PostgreSQL and Redis: a visitor on one, operators on both.
 * The rings reach both, the first accept wins whichever process it reaches, signals cross
 * processes leg to leg, and a ringing call whose process's timer never fires is ended by the
 * other's sweep. PostgreSQL only, as plugins/chat/test/multi-node.test.ts.
 */
const postgresUrl = inject('postgresUrl');
const SHOP = 'https://calls-cluster.example';
const RING_MS = 30_000;

describe.skipIf(!postgresUrl)('calls on two core processes (PostgreSQL and Redis)', () => {
  const start = Date.parse('2026-12-04T14:00:00Z');
  // Each process its own clock: moving one shows what the other's timers would not do.
  const clocks = [new FakeClock(start), new FakeClock(start)] as const;
  let redis: { url: string; stop(): Promise<void> };
  let one: TestCore;
  let two: TestCore;
  let fx: [CallsFixture, CallsFixture];
  let acc: SeededAccount;
  let siteKey: string;
  let oleg: Operator;
  let petr: Operator;

  beforeAll(async () => {
    redis = await startRedis();
    const plugins = { chat: {}, calls: { options: { limits: { startsPerMinute: 100, offersPerMinute: 60, signalsPerMinute: 2000, handoversPerMinute: 10 } } } };
    one = await startTestCore({ plugins, redisUrl: redis.url, clock: clocks[0] });
    two = await startTestCore({ plugins, redisUrl: redis.url, clock: clocks[1], database: one.config.database });
    acc = await seedAccount(one);
    const second = await seedUser(one, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
    await two.content.refresh();
    fx = [new CallsFixture(one, SHOP), new CallsFixture(two, SHOP)];
    siteKey = await fx[0].addSite((await one.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Cluster shop');
    await two.content.refresh();
    oleg = await fx[0].operator(acc.operator);
    petr = await fx[1].operator(second);
  }, 60_000);
  afterAll(async () => {
    for (const f of fx ?? []) f.closeAll();
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
  });

  it('a visitor on one process rings operators on both; the first accept wins across processes; signals cross them', async () => {
    const visitor = await fx[0].visitor(siteKey);
    const rings = [oleg, petr].map((o) => o.calls.next<CallDto>('call.ringing', (c) => c.visitorId === visitor.id));
    const call = await visitor.calls.call<CallDto>('call.start', {});
    expect((await Promise.all(rings)).map((c) => c.id)).toEqual([call.id, call.id]);

    const [a, b] = await Promise.all([oleg.calls.raw('call.accept', { callId: call.id }), petr.calls.raw('call.accept', { callId: call.id })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect((a.ok ? b : a) as unknown).toMatchObject({ ok: false, error: { code: 'call_taken' } });
    const winner = a.ok ? oleg : petr;
    const winnerJoin = (a.ok ? a : b) as { data: CallJoin };

    const legs = winner.calls.next<{ legs: CallLeg[] }>('call.legs', (l) => l.legs.length === 2);
    const visitorJoin = await visitor.calls.call<CallJoin>('call.join', { callId: call.id });
    await legs;
    const heard = visitor.calls.next('call.signal');
    const signal = { description: { type: 'offer' as const, sdp: 'v=0\r\n' } };
    await winner.calls.call('call.signal', { callId: call.id, from: winnerJoin.data.legId, to: visitorJoin.legId, signal });
    expect(await heard).toEqual({ callId: call.id, from: winnerJoin.data.legId, to: visitorJoin.legId, signal });
    const back = winner.calls.next('call.signal');
    await visitor.calls.call('call.signal', { callId: call.id, from: visitorJoin.legId, to: winnerJoin.data.legId, signal: { candidate: null } });
    expect(await back).toMatchObject({ signal: { candidate: null } });

    const ended = [oleg, petr].map((o) => o.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'ended'));
    await visitor.calls.call('call.hangup', { callId: call.id });
    expect((await Promise.all(ended)).map((c) => c.endReason)).toEqual(['hangup', 'hangup']);
  });

  it("a ringing call whose process's timer does not fire is ended by the other process's sweep", async () => {
    const visitor = await fx[0].visitor(siteKey);
    const dialogId = await fx[0].dialogOf(visitor);
    // Started on process one, whose clock stays: only process two's sweep can end it.
    const call = await oleg.calls.call<CallDto>('call.start', { dialogId });
    const timedOut = visitor.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'ended');
    clocks[1].advance(RING_MS + 5000);
    expect(await timedOut).toMatchObject({ endReason: 'timeout' });
  });
});
