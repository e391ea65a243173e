import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRedis } from '../../../scripts/testing/redis.mjs';
import { tunedChanges } from '../../../core/test/fixtures/plugins/tuned/plugin.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectSocket, type SocketTarget, type TestSocket } from '../../chat/test/chat-client.js';
import type { GoalHitDto } from '../shared/goals.protocol.js';

/**
 * Two cores sharing PostgreSQL and Redis: a settings change made through one is heard by the
 * other's `onSiteChanged` and reaches the widgets open on either, a hit stored by one reaches an
 * operator connected to the other, and the per-visitor hit budget (ctx.rateLimits) is one budget
 * for both. PostgreSQL only, as in
 * plugins/chat/test/multi-node.test.ts.
 */
const postgresUrl = inject('postgresUrl');
const GOALS: SocketTarget = { namespace: '/goals', probe: ['goal.hit', {}] };
const SHOP = 'https://goals-cluster.example';
const HITS_PER_MINUTE = 3;

describe.skipIf(!postgresUrl)('goals and plugin settings on two core processes (PostgreSQL and Redis)', () => {
  let redis: { url: string; stop(): Promise<void> };
  let one: TestCore;
  let two: TestCore;
  let acc: SeededAccount;
  let adminToken: string;
  let site: { id: string; publicKey: string };
  const opened: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const plugins = { goals: { options: { hitsPerMinute: HITS_PER_MINUTE } }, tuned: {} };
    one = await startTestCore({ plugins, redisUrl: redis.url });
    two = await startTestCore({ plugins, redisUrl: redis.url, database: one.config.database });
    acc = await seedAccount(one);
    await two.content.refresh();
    adminToken = (await one.api.login(acc.admin.email, acc.admin.password)).accessToken;
    site = (await one.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Shop', url: SHOP } })).body;
  }, 60_000);
  afterAll(async () => {
    for (const s of opened) s.close();
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
  });

  /** Resolves once `core`'s content cache satisfies `ready` (at once if it already does). */
  const seenBy = (core: TestCore, ready: (content: TestCore['content']) => boolean) =>
    new Promise<void>((resolve) => {
      if (ready(core.content)) return resolve();
      const stop = core.content.onChange(() => {
        if (!ready(core.content)) return;
        stop();
        resolve();
      });
    });

  /** The next `count` changes the cores' `onSiteChanged` heard, with the number of the core that heard each. */
  const changesHeard = (count: number) =>
    new Promise<[unknown, number][]>((resolve) => {
      const heard: [unknown, number][] = [];
      const listener = (change: unknown, core: number) => {
        heard.push([change, core]);
        if (heard.length < count) return;
        tunedChanges.off('site', listener);
        resolve(heard);
      };
      tunedChanges.on('site', listener);
    });

  it("a site's settings saved through one process are heard by both processes' onSiteChanged and read by the other", async () => {
    // Both cores run in this test process, so the fixture's emitter hears each core's listener.
    const heard = changesHeard(2);
    const saved = await one.api.call('PUT', `/api/plugins/tuned/settings/sites/${site.id}`, { token: adminToken, body: { value: { greeting: 'Both' } } });
    expect(saved.status).toBe(200);
    const changes = await heard;
    // One each: both cores, not one core twice.
    expect(new Set(changes.map(([, core]) => core)).size).toBe(2);
    for (const [change] of changes) expect(change).toMatchObject({ accountId: acc.accountId, siteId: site.id, value: { greeting: 'Both' } });
    const read = await two.api.call<{ value: { greeting: string } }>('GET', `/api/plugins/tuned/settings/sites/${site.id}`, { token: adminToken });
    expect(read.body.value.greeting).toBe('Both');
  });

  it('a hit stored by one process reaches an operator connected to the other; the hit budget is shared', async () => {
    const goals = [{ id: 'buy', name: 'Buy', type: 'click', selector: '#buy' }];
    expect((await one.api.call('PUT', `/api/plugins/goals/settings/sites/${site.id}`, { token: adminToken, body: { value: { goals } } })).status).toBe(200);
    // The other process hears of the write through Redis (its content cache applies it).
    await seenBy(two, (content) => content.pluginSetting('goals', 'site', site.id) !== undefined && content.site(site.id) !== undefined);
    expect((await two.api.call<{ value: { goals: unknown[] } }>('GET', `/api/plugins/goals/settings/sites/${site.id}`, { token: adminToken })).body.value.goals).toEqual(goals);

    const { accessToken } = await two.api.login(acc.operator.email, acc.operator.password);
    const operator = await connectSocket(two.url, GOALS, accessToken, 'http://panel.test');
    opened.push(operator);
    const session = await one.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: SHOP } });
    const onOne = await connectSocket(one.url, GOALS, session.body.visitorToken, SHOP);
    const onTwo = await connectSocket(two.url, GOALS, session.body.visitorToken, SHOP);
    opened.push(onOne, onTwo);

    const reached = operator.next<GoalHitDto>('goal.reached');
    const ack = await onOne.raw('goal.hit', { goalId: 'buy', url: `${SHOP}/` });
    expect(ack.ok).toBe(true);
    expect(await reached).toEqual((ack as { data: GoalHitDto }).data);

    // The visitor spent one hit on `one`; the rest of the budget and no more on `two`.
    const acks = [];
    for (let i = 1; i <= HITS_PER_MINUTE; i++) acks.push(await onTwo.raw('goal.hit', { goalId: 'buy', url: `${SHOP}/` }));
    expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual([...Array<string>(HITS_PER_MINUTE - 1).fill('ok'), 'rate_limited']);
  });

  it("goals saved through one process reach the site's open widgets on both, once each (each relays to its own sockets)", async () => {
    const session = await one.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: SHOP } });
    const widgets = [await connectSocket(one.url, GOALS, session.body.visitorToken, SHOP), await connectSocket(two.url, GOALS, session.body.visitorToken, SHOP)];
    opened.push(...widgets);
    const goals = [{ id: 'signup', name: 'Signed up', type: 'form', selector: 'form.signup' }];
    const isNew = (list: { id: string }[]) => list[0]?.id === 'signup';
    const heard = widgets.map((w) => w.next<{ id: string }[]>('goals.updated', isNew));
    expect((await one.api.call('PUT', `/api/plugins/goals/settings/sites/${site.id}`, { token: adminToken, body: { value: { goals } } })).status).toBe(200);
    expect(await Promise.all(heard)).toEqual([goals, goals]);
    await Promise.all(widgets.map((w) => w.settled()));
    for (const w of widgets) expect((w.received.get('goals.updated') as { id: string }[][]).filter(isNew)).toHaveLength(1);
  });
});
