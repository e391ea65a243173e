import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRedis } from '../../../scripts/testing/redis.mjs';
import type { WidgetPluginPart } from '../../src/visitors/visitor.contract.js';
import { cmsClient, seedAccount, seedAgency, startTestCore, type TestCore } from '../support/harness.js';

/**
 * A7, the widget's half: when the agency switches a plugin of a client, every open widget of the
 * client's sites is told on `/visitor` the list a new session would give; nobody else is.
 */

type Client = Awaited<ReturnType<typeof seedAgency>>;
interface Visitor {
  socket: Socket;
  /** Every `plugins.changed` so far, oldest first. */
  told: WidgetPluginPart[][];
  /** The next `plugins.changed` not read yet. */
  next(): Promise<WidgetPluginPart[]>;
}
interface SiteOf {
  id: string;
  publicKey: string;
  origin: string;
}

let core: TestCore;
let widgetDir: string;
let ours: Client;
let theirs: Client;
let staff: { ours: string; theirs: string };
const sites: Record<'shop' | 'blog' | 'foreign', SiteOf> = {} as never;
const opened: Socket[] = [];
const GOALS = [{ id: 'buy', name: 'Buy', type: 'click', selector: '#buy' }];

async function siteOf(account: string, label: string): Promise<SiteOf> {
  const origin = `https://${label}-${randomBytes(3).toString('hex')}.example`;
  const publicKey = randomBytes(9).toString('base64url');
  const site = await cmsClient().sites.create({ name: label, url: origin, origins: [origin], publicKey, chatLanguage: 'en', account });
  return { id: site.documentId, publicKey, origin };
}

const session = async (site: SiteOf, via: TestCore = core) =>
  (await via.api.call<{ visitorToken: string; plugins: WidgetPluginPart[] }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: site.origin } })).body;

/** A widget's core connection as the host opens it: the visitor token, and the ids it mounted (`auth.plugins`). */
async function visitor(site: SiteOf, opts: { has?: string; token?: string; origin?: string; on?: TestCore } = {}): Promise<Visitor> {
  const s = await session(site, opts.on);
  const has = opts.has ?? s.plugins.map((p) => p.id).sort().join(',');
  const socket = connect(`${(opts.on ?? core).url}/visitor`, { auth: { token: opts.token ?? s.visitorToken, plugins: has }, transports: ['websocket'], extraHeaders: { origin: opts.origin ?? site.origin }, reconnection: false });
  opened.push(socket);
  const told: WidgetPluginPart[][] = [];
  const waiting: ((p: WidgetPluginPart[]) => void)[] = [];
  let read = 0;
  socket.on('plugins.changed', (p: { plugins: WidgetPluginPart[] }) => {
    told.push(p.plugins);
    waiting.shift()?.(p.plugins);
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  return {
    socket,
    told,
    next: () => {
      const i = read++;
      return i < told.length ? Promise.resolve(told[i]!) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const setPlugin = (token: string, accountId: string, pluginId: string, enabled: boolean) =>
  core.api.call('PUT', `/api/agency/clients/${accountId}/plugins/${pluginId}`, { token, body: { enabled } });
const ids = (plugins: readonly { id: string }[]) => plugins.map((p) => p.id);

/**
 * Switches a plugin off and on again as the agency's staff `token` does; `v` hears exactly these
 * two lists. Frames on one connection keep their order: a notice it should not have had would have
 * come before the first.
 */
async function offAndOn(v: Visitor, token: string, accountId: string, pluginId: string, heard: [off: string[], on: string[]]): Promise<void> {
  const before = v.told.length;
  await setPlugin(token, accountId, pluginId, false);
  expect(ids(await v.next())).toEqual(heard[0]);
  expect(v.told).toHaveLength(before + 1);
  await setPlugin(token, accountId, pluginId, true);
  expect(ids(await v.next())).toEqual(heard[1]);
}

beforeAll(async () => {
  // The session lists the plugins the widget build made a chunk of: a manifest naming them will do.
  widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
  fs.writeFileSync(path.join(widgetDir, 'manifest.json'), JSON.stringify({ plugins: { goals: 'plugins/goals-0000.js', hello: 'plugins/hello-0000.js' } }));
  core = await startTestCore({ plugins: { hello: { options: { greeting: 'Hi' } }, goals: {} }, widgetDir });
  [ours, theirs] = [await seedAgency(core, 'Ours'), await seedAgency(core, 'Theirs')];
  sites.shop = await siteOf(ours.clientId, 'shop');
  sites.blog = await siteOf(ours.clientId, 'blog');
  sites.foreign = await siteOf(theirs.clientId, 'foreign');
  await cmsClient().pluginSettings.create({ pluginId: 'goals', scope: 'site', account: ours.clientId, site: sites.shop.id, value: { goals: GOALS } });
  await core.content.refresh();
  const login = async (who: { email: string; password: string }) => (await core.api.login(who.email, who.password)).accessToken;
  staff = { ours: await login(ours.staff), theirs: await login(theirs.staff) };
});
afterEach(() => opened.splice(0).forEach((s) => s.close()));
afterAll(() => core?.stop());

describe("open widgets follow the account's plugins (A7)", () => {
  it("tells every open widget of the client's sites the session's list, and the other account's nothing", async () => {
    const before = await session(sites.shop);
    expect(ids(before.plugins)).toEqual(['goals', 'hello']);
    expect(before.plugins.find((p) => p.id === 'goals')?.settings).toEqual(GOALS);
    const [shop, blog, foreign] = [await visitor(sites.shop), await visitor(sites.blog), await visitor(sites.foreign)];

    expect((await setPlugin(staff.ours, ours.clientId, 'goals', false)).status).toBe(200);
    const off = await shop.next();
    expect(off).toEqual((await session(sites.shop)).plugins);
    expect(ids(off)).toEqual(['hello']);
    expect(ids(await blog.next())).toEqual(['hello']);

    await setPlugin(staff.ours, ours.clientId, 'goals', true);
    // Switched on again: the chunk with the site's own settings, as a new page would get it.
    const on = await shop.next();
    expect(on).toEqual(before.plugins);
    expect(ids(await blog.next())).toEqual(['goals', 'hello']);

    // The other agency's client hears only its own switches, and ours only theirs.
    expect(foreign.told).toHaveLength(0);
    await offAndOn(foreign, staff.theirs, theirs.clientId, 'hello', [['goals'], ['goals', 'hello']]);
    await offAndOn(shop, staff.ours, ours.clientId, 'hello', [['goals'], ['goals', 'hello']]);
  });

  it("refuses a switch of another agency's client: its widgets hear nothing", async () => {
    const foreign = await visitor(sites.foreign);
    expect((await setPlugin(staff.ours, theirs.clientId, 'goals', false)).status).toBe(404);
    expect(core.content.pluginEnablement(theirs.clientId, 'goals')).toBeUndefined();
    await offAndOn(foreign, staff.theirs, theirs.clientId, 'goals', [['hello'], ['goals', 'hello']]);
    expect(foreign.told).toHaveLength(2);
  });

  it('a switch in the CMS reaches open widgets too', async () => {
    const shop = await visitor(sites.shop);
    const client = cmsClient();
    const record = core.content.pluginEnablement(ours.clientId, 'hello')!;
    await client.pluginEnablements.update(record.documentId, { enabled: false });
    await core.content.refresh();
    expect(ids(await shop.next())).toEqual(['goals']);
    await client.pluginEnablements.update(record.documentId, { enabled: true });
    await core.content.refresh();
    expect(ids(await shop.next())).toEqual(['goals', 'hello']);
  });

  it('gives a (re)connecting widget the list at once when its ids are not the current ones', async () => {
    const stale = await visitor(sites.shop, { has: 'goals' });
    expect(await stale.next()).toEqual((await session(sites.shop)).plugins);
    // A widget whose ids match is told nothing on connecting: the first frame it gets is the next switch.
    const current = await visitor(sites.shop);
    await offAndOn(current, staff.ours, ours.clientId, 'goals', [['hello'], ['goals', 'hello']]);
  });

  it("is for visitors from their site's addresses only", async () => {
    const account = await seedAccount(core);
    const user = (await core.api.login(account.admin.email, account.admin.password)).accessToken;
    await expect(visitor(sites.shop, { token: user, origin: 'http://panel.test' })).rejects.toThrow('forbidden');
    await expect(visitor(sites.shop, { origin: sites.foreign.origin })).rejects.toThrow('unauthorized');
    await expect(visitor(sites.shop, { token: 'not a token' })).rejects.toThrow('unauthorized');
  });
});

describe.skipIf(!inject('postgresUrl'))('open widgets on two core processes (PostgreSQL and Redis)', () => {
  let redis: { url: string; stop(): Promise<void> };
  let one: TestCore;
  let two: TestCore;
  let client: Client;
  let site: SiteOf;

  beforeAll(async () => {
    redis = await startRedis();
    const plugins = { hello: { options: { greeting: 'Hi' } }, goals: {} };
    one = await startTestCore({ plugins, widgetDir, redisUrl: redis.url });
    two = await startTestCore({ plugins, widgetDir, redisUrl: redis.url, database: one.config.database });
    client = await seedAgency(one, 'Cluster');
    site = await siteOf(client.clientId, 'cluster');
    await Promise.all([one.content.refresh(), two.content.refresh()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
  });

  it('a switch made through one process reaches the widgets open on either, once each', async () => {
    const token = (await one.api.login(client.staff.email, client.staff.password)).accessToken;
    const [here, there] = [await visitor(site, { on: one }), await visitor(site, { on: two })];
    const set = (enabled: boolean) => one.api.call('PUT', `/api/agency/clients/${client.clientId}/plugins/goals`, { token, body: { enabled } });
    expect((await set(false)).status).toBe(200);
    expect(ids(await here.next())).toEqual(['hello']);
    expect(ids(await there.next())).toEqual(['hello']);
    await set(true);
    // Each process tells its own sockets only: a second notice of the first switch would come here.
    expect(ids(await here.next())).toEqual(['goals', 'hello']);
    expect(ids(await there.next())).toEqual(['goals', 'hello']);
  });
});
