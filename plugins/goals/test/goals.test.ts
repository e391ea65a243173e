import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreTables } from '../../../core/src/store/core.schema.js';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectSocket, type SocketTarget, type TestSocket } from '../../chat/test/chat-client.js';
import type { GoalsTables } from '../server/goals.tables.js';
import { GOALS_PER_SITE, type Goal, type GoalHitDto } from '../shared/goals.protocol.js';

/** G1 on the server: goals as site settings, hits checked, stored once per visit, limited, sent live to the account's operators, read back. */

type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };

/** An operator's `goal.hit` is refused at once (visitors only): a round trip without side effects. */
const GOALS: SocketTarget = { namespace: '/goals', probe: ['goal.hit', {}] };
const PANEL = 'http://panel.test';
const SHOP = 'https://goals-shop.example';
const SECOND = 'https://goals-second.example';
const HITS_PER_MINUTE = 5;

const GOALS_OF_SHOP: Goal[] = [
  { id: 'buy', name: 'Clicked «Buy»', type: 'click', selector: '#buy, .cart button' },
  { id: 'thanks', name: 'Order placed', type: 'url', match: 'prefix', pattern: '/thanks' },
  { id: 'cart', name: 'Added to cart', type: 'event', event: 'add_to_cart' },
];

let core: TestCore;
const clock = new FakeClock(Date.parse('2026-12-03T10:00:00Z'));
let acc: SeededAccount;
let other: SeededAccount;
const tokens = { admin: '', operator: '', otherAdmin: '', otherOperator: '' };
const sites = { shop: { id: '', publicKey: '' }, second: { id: '', publicKey: '' } };
const opened: TestSocket[] = [];

const putGoals = (siteId: string, value: unknown, lang = 'en') =>
  core.api.call<{ value: { goals: Goal[] } } & Refusal>('PUT', `/api/plugins/goals/settings/sites/${siteId}`, { token: tokens.admin, body: { value }, headers: { 'accept-language': lang } });

const track = (socket: TestSocket) => (opened.push(socket), socket);
async function visitor(site: { publicKey: string }, origin = SHOP): Promise<{ socket: TestSocket; id: string }> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin } });
  return { socket: track(await connectSocket(core.url, GOALS, session.body.visitorToken, origin)), id: session.body.visitorId };
}
const panel = async (token: string) => track(await connectSocket(core.url, GOALS, token, PANEL));
const hit = (socket: TestSocket, payload: unknown) => socket.raw('goal.hit', payload);
const hitsOf = (query: string, token = tokens.operator) => core.api.call<{ hits: GoalHitDto[] } & Refusal>('GET', `/api/goals/hits?${query}`, { token });

let widgetDir: string;

beforeAll(async () => {
  // The session lists the plugins the widget build made a chunk of: a manifest naming one will do.
  widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
  fs.writeFileSync(path.join(widgetDir, 'manifest.json'), JSON.stringify({ plugins: { goals: 'plugins/goals-0000.js' } }));
  core = await startTestCore({ plugins: { goals: { options: { hitsPerMinute: HITS_PER_MINUTE } } }, clock, widgetDir });
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  const login = async (who: { email: string; password: string }) => (await core.api.login(who.email, who.password)).accessToken;
  Object.assign(tokens, { admin: await login(acc.admin), operator: await login(acc.operator), otherAdmin: await login(other.admin), otherOperator: await login(other.operator) });
  for (const [key, url] of [['shop', SHOP], ['second', SECOND]] as const) {
    sites[key] = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: tokens.admin, body: { name: key, url } })).body;
  }
  expect((await putGoals(sites.shop.id, { goals: GOALS_OF_SHOP })).status).toBe(200);
  expect((await putGoals(sites.second.id, { goals: [{ id: 'second-only', name: 'Second', type: 'click', selector: '.second' }] })).status).toBe(200);
});
afterAll(async () => {
  for (const socket of opened.splice(0)) socket.close();
  await core?.stop();
  fs.rmSync(widgetDir, { recursive: true, force: true });
});

describe('goal settings', () => {
  it('are the site settings of the plugin, read back as saved', async () => {
    const res = await core.api.call<{ value: { goals: Goal[] } }>('GET', `/api/plugins/goals/settings/sites/${sites.shop.id}`, { token: tokens.operator });
    expect(res.body.value.goals).toEqual(GOALS_OF_SHOP);
  });

  it('refuse a selector that does not parse, a bad event name and too many goals, naming the field, in Russian or English', async () => {
    const broken = await putGoals(sites.second.id, { goals: [{ id: 'a', name: 'A', type: 'click', selector: 'div[' }] });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields).toEqual({ 'goals.0.selector': 'The selector is not valid CSS: check its brackets and quotes' });
    const ru = await putGoals(sites.second.id, { goals: [{ id: 'a', name: 'A', type: 'form', selector: 'form:not(' }] }, 'ru');
    expect(ru.body.error.fields).toEqual({ 'goals.0.selector': 'Селектор не разбирается как CSS: проверьте скобки и кавычки' });

    const event = await putGoals(sites.second.id, { goals: [GOALS_OF_SHOP[0], { id: 'e', name: 'E', type: 'event', event: 'add to cart' }] });
    expect(event.body.error.fields).toEqual({ 'goals.1.event': 'An event name has up to 64 Latin letters, digits and _ . : -' });

    const many = Array.from({ length: GOALS_PER_SITE + 1 }, (_, i) => ({ id: `g${i}`, name: `Goal ${i}`, type: 'click', selector: `#g${i}` }));
    expect((await putGoals(sites.second.id, { goals: many }, 'ru')).body.error.fields).toEqual({ goals: `Не больше ${GOALS_PER_SITE} целей на сайт` });

    const twice = await putGoals(sites.second.id, { goals: [GOALS_OF_SHOP[0], { ...GOALS_OF_SHOP[2], id: 'buy' }] });
    expect(twice.body.error.fields).toEqual({ 'goals.1.id': 'Two goals have the same id' });
    const blank = await putGoals(sites.second.id, { goals: [{ id: 'u', name: '  ', type: 'url', match: 'exact', pattern: '/a b' }] });
    expect(blank.body.error.fields).toEqual({ 'goals.0.name': 'A name has 1 to 100 characters', 'goals.0.pattern': 'An address or pattern has 1 to 2000 characters and no spaces' });
    // Nothing of it was stored.
    const kept = await core.api.call<{ value: { goals: Goal[] } }>('GET', `/api/plugins/goals/settings/sites/${sites.second.id}`, { token: tokens.admin });
    expect(kept.body.value.goals.map((g) => g.id)).toEqual(['second-only']);
  });

  it("reach the site's widgets with their session, as the list they are", async () => {
    const session = await core.api.call<{ plugins: unknown[] }>('POST', '/api/widget/session', { body: { siteKey: sites.shop.publicKey }, headers: { origin: SHOP } });
    expect(session.body.plugins).toEqual([{ id: 'goals', url: 'http://panel.test/widget/plugins/goals-0000.js', settings: GOALS_OF_SHOP }]);
  });

  it("reach the site's open widgets live when saved, and on each connection; another site's widgets hear nothing", async () => {
    // A site without goals yet: its widgets listen, and leave no visits behind.
    const liveUrl = 'https://goals-live.example';
    const live = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: tokens.admin, body: { name: 'live', url: liveUrl } })).body;
    const first: Goal[] = [];
    const { socket: open, id: openId } = await visitor(live, liveUrl);
    const bystander = (await visitor(sites.second, SECOND)).socket;

    const changed = [{ id: 'signup', name: 'Signed up', type: 'form', selector: 'form.signup' }, GOALS_OF_SHOP[1]!] satisfies Goal[];
    const heard = open.next<Goal[]>('goals.updated', (goals) => goals[0]?.id === 'signup');
    expect((await putGoals(live.id, { goals: changed })).status).toBe(200);
    expect(await heard).toEqual(changed);
    // Each got the list as it was when it connected; the bystander's site did not change.
    await Promise.all([open.settled(), bystander.settled()]);
    expect(open.received.get('goals.updated')).toEqual([first, changed]);
    expect(bystander.received.get('goals.updated')).toEqual([[{ id: 'second-only', name: 'Second', type: 'click', selector: '.second' }]]);
    const visits = await (core.db as Kysely<GoalsTables>).selectFrom('goals_visits').select('visitor_id').where('visitor_id', '=', openId).execute();
    expect(visits).toEqual([]);
  });
});

describe('goal hits', () => {
  it("reach the account's operators live, and not another account's", async () => {
    const operator = await panel(tokens.operator);
    const stranger = await panel(tokens.otherOperator);
    const { socket, id } = await visitor(sites.shop);
    const reached = operator.next<GoalHitDto>('goal.reached');
    const ack = await hit(socket, { goalId: 'cart', url: `${SHOP}/product/7`, props: { sum: 1200, sku: 'A-7', gift: false } });
    expect(ack).toEqual({ ok: true, data: expect.objectContaining({ goalId: 'cart', goalName: 'Added to cart', goalType: 'event', visitorId: id, siteId: sites.shop.id, props: { sum: 1200, sku: 'A-7', gift: false } }) });
    expect(await reached).toEqual((ack as { data: GoalHitDto }).data);
    // …and it is in the durable log, written with the hit, for statistics and webhooks.
    const logged = await (core.db as Kysely<CoreTables>).selectFrom('core_event_log').select(['name', 'account_id', 'payload']).where('name', '=', 'goals.goal.reached').execute();
    expect(logged.map((e) => ({ ...e, payload: JSON.parse(e.payload) }))).toContainEqual({ name: 'goals.goal.reached', account_id: acc.accountId, payload: { accountId: acc.accountId, hit: (ack as { data: GoalHitDto }).data } });
    await stranger.settled();
    expect(stranger.received.get('goal.reached')).toBeUndefined();
  });

  it('count once per visit: a second hit is acknowledged with null and not stored; after 30 idle minutes it counts again', async () => {
    const { socket, id } = await visitor(sites.shop);
    expect((await hit(socket, { goalId: 'buy', url: `${SHOP}/` })).ok).toBe(true);
    expect(await hit(socket, { goalId: 'buy', url: `${SHOP}/other` })).toEqual({ ok: true, data: null });
    expect((await hitsOf(`visitorIds=${id}`)).body.hits.map((h) => h.goalId)).toEqual(['buy']);

    clock.advance(29 * 60_000);
    expect(await hit(socket, { goalId: 'buy', url: `${SHOP}/` })).toEqual({ ok: true, data: null });
    clock.advance(31 * 60_000);
    expect((await hit(socket, { goalId: 'buy', url: `${SHOP}/` })).ok).toBe(true);
    expect((await hitsOf(`visitorIds=${id}`)).body.hits).toHaveLength(2);
  });

  it("refuse another site's goal, an unknown goal, a URL goal on another page, and an oversize URL or props", async () => {
    const { socket, id } = await visitor(sites.shop);
    const refusal = async (payload: unknown) => {
      const ack = await hit(socket, payload);
      return ack.ok ? 'accepted' : ack.error.code;
    };
    expect(await refusal({ goalId: 'second-only', url: `${SHOP}/` })).toBe('unknown_goal');
    expect(await refusal({ goalId: 'deleted-long-ago', url: `${SHOP}/` })).toBe('unknown_goal');
    expect(await refusal({ goalId: 'thanks', url: `${SHOP}/cart` })).toBe('goal_not_reached');
    expect(await refusal({ goalId: 'cart', url: `${SHOP}/${'x'.repeat(2001)}` })).toBe('validation_failed');
    const props = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, i]));
    expect(await refusal({ goalId: 'cart', url: `${SHOP}/`, props })).toBe('validation_failed');
    expect(await refusal({ goalId: 'cart', url: `${SHOP}/`, props: { note: 'x'.repeat(201) } })).toBe('validation_failed');
    expect((await hitsOf(`visitorIds=${id}`)).body.hits).toEqual([]);
    expect(await refusal({ goalId: 'thanks', url: `${SHOP}/thanks?order=5` })).toBe('accepted');
  });

  it("are limited per visitor (ctx.rateLimits): a flood is refused with rate_limited", async () => {
    const { socket } = await visitor(sites.shop);
    const acks = [];
    for (let i = 0; i <= HITS_PER_MINUTE; i++) acks.push(await hit(socket, { goalId: 'buy', url: `${SHOP}/` }));
    expect(acks.slice(0, HITS_PER_MINUTE).every((a) => a.ok)).toBe(true);
    expect(acks[HITS_PER_MINUTE]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('are listed for the panel by visitor and since a moment, for its own account only', async () => {
    // Earlier tests' hits are a second older than `before`; `since` includes its own moment.
    clock.advance(1000);
    const before = new Date(clock.now()).toISOString();
    const { socket, id } = await visitor(sites.shop);
    await hit(socket, { goalId: 'buy', url: `${SHOP}/` });
    clock.advance(1000);
    await hit(socket, { goalId: 'cart', url: `${SHOP}/` });

    const byVisitor = await hitsOf(`visitorIds=${id},nobody`);
    expect(byVisitor.body.hits.map((h) => h.goalId)).toEqual(['cart', 'buy']);
    const since = await hitsOf(`since=${encodeURIComponent(before)}`, tokens.admin);
    expect(since.body.hits.map((h) => [h.visitorId, h.goalId])).toEqual([
      [id, 'cart'],
      [id, 'buy'],
    ]);
    expect((await hitsOf(`visitorIds=${id}`, tokens.otherAdmin)).body.hits).toEqual([]);
    expect((await hitsOf(`since=${encodeURIComponent(before)}`, tokens.otherOperator)).body.hits).toEqual([]);
    expect((await hitsOf('since=yesterday')).status).toBe(400);
    expect((await hitsOf('')).status).toBe(400);
  });

  it("go with their site when it is deleted, and other sites' hits stay", async () => {
    const doomedUrl = 'https://goals-doomed.example';
    const doomed = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: tokens.admin, body: { name: 'doomed', url: doomedUrl } })).body;
    await putGoals(doomed.id, { goals: [GOALS_OF_SHOP[0]] });
    const gone = await visitor(doomed, doomedUrl);
    const kept = await visitor(sites.shop);
    expect((await hit(gone.socket, { goalId: 'buy', url: `${doomedUrl}/` })).ok).toBe(true);
    expect((await hit(kept.socket, { goalId: 'buy', url: `${SHOP}/` })).ok).toBe(true);

    expect((await core.api.call('DELETE', `/api/sites/${doomed.id}`, { token: tokens.admin })).status).toBe(204);
    // Removed by the plugin's `core.site.deleted` subscriber, after the answer.
    await expect.poll(async () => (await hitsOf(`visitorIds=${gone.id}`)).body.hits).toEqual([]);
    expect((await hitsOf(`visitorIds=${kept.id}`)).body.hits).toHaveLength(1);
    expect(core.content.pluginSetting('goals', 'site', doomed.id)).toBeUndefined();
  });
});
