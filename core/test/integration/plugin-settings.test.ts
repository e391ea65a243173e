import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tunedChanges } from '../fixtures/plugins/tuned/plugin.js';
import { cmsClient, seedAccount, seedAgency, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

/** ctx.settings and ctx.rateLimits (issue 10 item 5), through a fixture plugin: REST, tenancy, live changes, the widget session. */

type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };
type Value = { value: { greeting: string; items: { name: string }[]; secret: string } };

let core: TestCore;
let acc: SeededAccount;
let other: SeededAccount;
let widgetDir: string;
const tokens = { admin: '', operator: '', otherAdmin: '' };
let site: { id: string; publicKey: string };
let otherSite: { id: string };
const ORIGIN = 'https://tuned-shop.example';

/** The next change the plugin's listener hears; a change that never comes fails in 5 s, not at the test's timeout. */
const heard = (kind: 'site' | 'account') => once(tunedChanges, kind, { signal: AbortSignal.timeout(5000) });

const url = (siteId = site.id) => `/api/plugins/tuned/settings/sites/${siteId}`;
const get = (siteId = site.id, token = tokens.admin) => core.api.call<Value & Refusal>('GET', url(siteId), { token });
const put = (value: unknown, options: { siteId?: string; token?: string; lang?: string } = {}) =>
  core.api.call<Value & Refusal>('PUT', url(options.siteId), { token: options.token ?? tokens.admin, body: { value }, headers: options.lang ? { 'accept-language': options.lang } : {} });

const setEnabled = async (accountId: string, enabled: boolean) => {
  const existing = core.content.pluginEnablement(accountId, 'tuned');
  if (existing) await cmsClient().pluginEnablements.update(existing.documentId, { enabled });
  else await cmsClient().pluginEnablements.create({ account: accountId, pluginId: 'tuned', enabled });
  await core.content.refresh();
};

beforeAll(async () => {
  // The widget session lists plugins that have a built chunk: a manifest naming one is enough here.
  widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
  fs.writeFileSync(path.join(widgetDir, 'manifest.json'), JSON.stringify({ plugins: { tuned: 'plugins/tuned-0000.js' } }));
  core = await startTestCore({ plugins: { tuned: {} }, widgetDir });
  [acc, other] = [await seedAccount(core), await seedAccount(core, 'Other')];
  const login = async (who: SeededAccount['admin']) => (await core.api.login(who.email, who.password)).accessToken;
  Object.assign(tokens, { admin: await login(acc.admin), operator: await login(acc.operator), otherAdmin: await login(other.admin) });
  site = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: tokens.admin, body: { name: 'Shop', url: ORIGIN } })).body;
  otherSite = (await core.api.call<{ id: string }>('POST', '/api/sites', { token: tokens.otherAdmin, body: { name: 'Other', url: 'https://tuned-other.example' } })).body;
});
afterAll(async () => {
  await core?.stop();
  fs.rmSync(widgetDir, { recursive: true, force: true });
});

describe('ctx.settings', () => {
  it('reads the schema defaults until something is saved (operators may read)', async () => {
    expect((await get()).body).toEqual({ value: { greeting: 'Hello', items: [], secret: 'kept on the server' } });
    expect((await get(site.id, tokens.operator)).status).toBe(200);
    expect((await core.api.call('GET', '/api/plugins/tuned/settings/account', { token: tokens.admin })).body).toEqual({ value: { level: 1 } });
  });

  it('saves a value, parsed by the schema; the plugin reads it back, and so does a fresh snapshot', async () => {
    const changed = heard('site');
    const res = await put({ greeting: '  Добрый день ', items: [{ name: 'A' }] });
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual({ greeting: 'Добрый день', items: [{ name: 'A' }], secret: 'kept on the server' });
    // Heard by onSiteChanged of this process (its own save comes back through its content cache).
    expect((await changed)[0]).toEqual({ accountId: acc.accountId, siteId: site.id, value: res.body.value });
    const read = await core.api.call<{ greeting: string; level: number }>('GET', `/api/tuned/greeting/${site.id}`, { token: tokens.admin });
    expect(read.body).toEqual({ greeting: 'Добрый день', level: 1 });
    await core.content.refresh();
    expect((await get()).body.value.greeting).toBe('Добрый день');
  });

  it('saves account-wide settings', async () => {
    const changed = heard('account');
    const res = await core.api.call('PUT', '/api/plugins/tuned/settings/account', { token: tokens.admin, body: { value: { level: 7 } } });
    expect(res.body).toEqual({ value: { level: 7 } });
    expect((await changed)[0]).toEqual({ accountId: acc.accountId, value: { level: 7 } });
  });

  it('refuses an invalid value with a message per dotted field path, in the request language, and keeps the old one', async () => {
    const bad = { greeting: '', items: [{ name: 'ok' }, { name: ' ' }] };
    const en = await put(bad, { lang: 'en-US,en;q=0.9' });
    expect(en.status).toBe(400);
    expect(en.body.error).toMatchObject({ code: 'validation_failed', fields: { greeting: 'A greeting has 1 to 50 characters', 'items.1.name': 'Enter a name' } });
    const ru = await put(bad, { lang: 'ru' });
    expect(ru.body.error.fields).toEqual({ greeting: 'Приветствие — от 1 до 50 символов', 'items.1.name': 'Введите название' });
    expect((await put({ items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] }, { lang: 'ru' })).body.error.fields).toEqual({ items: 'Не больше 3 пунктов' });
    expect((await core.api.call<Refusal>('PUT', '/api/plugins/tuned/settings/account', { token: tokens.admin, body: { value: { level: 'high' } } })).body.error.fields).toHaveProperty('level');
    expect((await get()).body.value.greeting).toBe('Добрый день');
  });

  it('refuses a body past the size limit', async () => {
    const res = await put({ greeting: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('entity.too.large');
  });

  it("refuses another account's site as unknown, an operator's write, and an unknown plugin", async () => {
    expect((await get(otherSite.id)).status).toBe(404);
    expect((await put({ greeting: 'Hijacked' }, { siteId: otherSite.id })).status).toBe(404);
    expect((await put({ greeting: 'Hijacked' }, { token: tokens.otherAdmin })).status).toBe(404);
    const operator = await put({ greeting: 'By operator' }, { token: tokens.operator });
    expect(operator.status).toBe(403);
    expect(operator.body.error.code).toBe('forbidden');
    expect((await core.api.call('GET', `/api/plugins/nope/settings/sites/${site.id}`, { token: tokens.admin })).status).toBe(404);
    expect((await core.api.call('GET', url(), {})).status).toBe(401);
    expect((await get()).body.value.greeting).toBe('Добрый день');
  });

  it('refuses both reads and writes while the plugin is off for the account', async () => {
    await setEnabled(acc.accountId, false);
    try {
      expect((await get()).body.error.code).toBe('plugin_disabled');
      expect((await put({ greeting: 'Off' })).status).toBe(403);
    } finally {
      await setEnabled(acc.accountId, true);
    }
    expect((await get()).body.value.greeting).toBe('Добрый день');
  });

  it('tells onSiteChanged of an edit made in the CMS admin, and reads a value that no longer fits as the defaults', async () => {
    const record = core.content.pluginSetting('tuned', 'site', site.id)!;
    let changed = heard('site');
    await cmsClient().pluginSettings.update(record.documentId, { value: { greeting: 'From the CMS', items: [] } });
    await core.content.changedInCms();
    expect((await changed)[0]).toMatchObject({ siteId: site.id, value: { greeting: 'From the CMS' } });

    changed = heard('site');
    await cmsClient().pluginSettings.update(record.documentId, { value: { greeting: 42 } });
    await core.content.changedInCms();
    expect((await changed)[0]).toMatchObject({ siteId: site.id, value: { greeting: 'Hello', items: [] } });
    expect((await get()).body.value.greeting).toBe('Hello');
  });

  it("gives the widget session the plugin's widget part of the site's value, and nothing else of it", async () => {
    await put({ greeting: 'Widget hello' });
    const session = await core.api.call<{ plugins: { id: string; url: string; settings?: unknown }[] }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: ORIGIN } });
    expect(session.body.plugins).toEqual([{ id: 'tuned', url: 'http://panel.test/widget/plugins/tuned-0000.js', settings: { greeting: 'Widget hello' } }]);
  });
});

describe("a client's site settings for its agency's staff (A7)", () => {
  let staff: string;
  let theirStaff: string;
  const agencyUrl = (clientId: string, siteId = site.id, plugin = 'tuned') => `/api/agency/clients/${clientId}/plugins/${plugin}/settings/sites/${siteId}`;
  beforeAll(async () => {
    const [ours, theirs] = [await seedAgency(core, 'Settings'), await seedAgency(core, 'Elsewhere')];
    // The seeded account becomes a client of our agency; the other account stays with another.
    await cmsClient().accounts.update(acc.accountId, { agency: ours.agencyId });
    await core.content.refresh();
    staff = (await core.api.login(ours.staff.email, ours.staff.password)).accessToken;
    theirStaff = (await core.api.login(theirs.staff.email, theirs.staff.password)).accessToken;
  });

  it('reads and writes them as the admin would: the same schema, messages in the request language, heard by the plugin', async () => {
    const read = await core.api.call<Value>('GET', agencyUrl(acc.accountId), { token: staff });
    expect(read.status).toBe(200);
    expect(read.body.value).toEqual((await get()).body.value);
    const changed = heard('site');
    const saved = await core.api.call<Value>('PUT', agencyUrl(acc.accountId), { token: staff, body: { value: { greeting: 'From the agency', items: [] } } });
    expect(saved.status).toBe(200);
    expect((await changed)[0]).toMatchObject({ accountId: acc.accountId, siteId: site.id, value: { greeting: 'From the agency' } });
    expect((await get()).body.value.greeting).toBe('From the agency');
    const bad = await core.api.call<Refusal>('PUT', agencyUrl(acc.accountId), { token: staff, body: { value: { greeting: '' } }, headers: { 'accept-language': 'ru' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ greeting: 'Приветствие — от 1 до 50 символов' });
  });

  it("refuses another agency's staff, another account's site, an account's own admin, and a plugin that is off", async () => {
    const body = { value: { greeting: 'Hijacked', items: [] } };
    for (const [path, token, status] of [
      [agencyUrl(acc.accountId), theirStaff, 404],
      [agencyUrl(other.accountId, otherSite.id), staff, 404],
      [agencyUrl(acc.accountId, otherSite.id), staff, 404],
      [agencyUrl(acc.accountId, site.id, 'nope'), staff, 404],
      [agencyUrl(acc.accountId), tokens.admin, 403],
      [agencyUrl('Not-An-Id'), staff, 400],
    ] as const) {
      expect((await core.api.call('GET', path, { token })).status).toBe(status);
      expect((await core.api.call('PUT', path, { token, body })).status).toBe(status);
    }
    expect((await core.api.call('GET', agencyUrl(acc.accountId), {})).status).toBe(401);
    await setEnabled(acc.accountId, false);
    try {
      expect((await core.api.call<Refusal>('GET', agencyUrl(acc.accountId), { token: staff })).body.error.code).toBe('plugin_disabled');
    } finally {
      await setEnabled(acc.accountId, true);
    }
    expect((await get()).body.value.greeting).toBe('From the agency');
  });

  it('tells the console which plugins have per-site settings', async () => {
    const plugins = await core.api.call<{ id: string; siteSettings: boolean }[]>('GET', `/api/agency/clients/${acc.accountId}/plugins`, { token: staff });
    expect(plugins.body.find((p) => p.id === 'tuned')?.siteSettings).toBe(true);
  });
});

describe('ctx.rateLimits', () => {
  it("counts in the plugin's own limiter and answers 429 rate_limited past it", async () => {
    const ping = () => core.api.call<Refusal>('POST', '/api/tuned/ping', { token: tokens.otherAdmin, body: {} });
    expect((await ping()).status).toBe(200);
    expect((await ping()).status).toBe(200);
    const third = await ping();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
  });
});
