import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seen } from '../fixtures/plugins/echo/plugin.js';
import { buildWidget } from '../../../widget/build.mjs';
import { cmsClient, fixturesRoot, seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let acc: SeededAccount;
let token: string;
let site: { publicKey: string };

beforeAll(async () => {
  const { outDir } = await buildWidget({ outDir: fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-')), roots: [fixturesRoot] });
  core = await startTestCore({ plugins: { hello: { options: { greeting: 'Привет', maxItems: 3 } }, echo: {} }, widgetDir: outDir });
  acc = await seedAccount(core);
  token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  site = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token, body: { name: 'S', url: 'https://plugins.example' } })).body;
});
afterAll(() => core?.stop());

const setEnabled = async (pluginId: string, enabled: boolean) => {
  const client = cmsClient();
  const existing = core.content.pluginEnablement(acc.accountId, pluginId);
  if (existing) await client.pluginEnablements.update(existing.documentId, { enabled });
  else await client.pluginEnablements.create({ account: acc.accountId, pluginId, enabled });
  await core.content.refresh();
};

const helloSocket = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(`${core.url}/hello`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

describe('plugin context', () => {
  it("reaches its own tables only: the core's and other plugins' are refused, in and out of transactions", async () => {
    for (const into of ['query', 'transaction']) {
      const peek = async (table: string) => (await core.api.call<{ rows?: number; refused?: string }>('GET', `/api/hello/peek?table=${table}&in=${into}`, { token })).body;
      expect(await peek('hello_items')).toEqual({ rows: expect.any(Number) });
      expect(await peek('core_event_log')).toEqual({ refused: 'Plugin "hello" may use only its own tables ("hello_…"), not "core_event_log"' });
      expect(await peek('echo_seen')).toEqual({ refused: expect.stringContaining('not "echo_seen"') });
    }
  });

  it('mounts the plugin router at /api/<id> behind authentication, with its parsed options', async () => {
    const res = await core.api.call('GET', '/api/hello/greeting', { token });
    expect(res.body).toMatchObject({ greeting: 'Привет', actor: { kind: 'user', accountId: acc.accountId } });
    expect((await core.api.call('GET', '/api/hello/greeting')).status).toBe(401);
  });

  it("serves visitors of the account's sites and an unauthenticated public router", async () => {
    const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://plugins.example' } });
    const res = await core.api.call('GET', '/api/hello/greeting', { token: session.body.visitorToken, headers: { origin: 'https://plugins.example' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ actor: { kind: 'visitor', visitorId: session.body.visitorId, accountId: acc.accountId } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://plugins.example');
    expect((await core.api.call('GET', '/api/hello/public/ping')).body).toEqual({ pong: true });
    expect((await core.api.call('GET', '/api/nosuch')).status).toBe(404);
  });

  it('runs plugin migrations and delivers events only after commit', async () => {
    seen.length = 0;
    expect((await core.api.call('POST', '/api/hello/items', { token, body: { text: 'first' } })).status).toBe(201);
    expect((await core.api.call('POST', '/api/hello/items', { token, body: { text: 'rollback' } })).status).toBe(400);
    // The bus delivers in the turn a transaction commits, before its response is written: by the
    // time the 400 is here, an event of the rolled-back write would have been seen already.
    expect(seen).toEqual([{ accountId: acc.accountId, text: 'first' }]);
    const items = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token });
    expect(items.body.map((i) => i.text)).toEqual(['first']);
  });

  it('keeps its files through ctx.files, on disk under DATA_DIR/files/hello, refusing a body past its limit', async () => {
    const fileUrl = (name: string) => `${core.url}/api/hello/files/${name}`;
    const put = (name: string, body: string | Uint8Array) =>
      fetch(fileUrl(name), { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' }, body });
    const stored = await put('note', 'Заметка');
    expect(stored.status).toBe(201);
    expect(await stored.json()).toEqual({ key: `notes/${acc.accountId}/note`, size: Buffer.byteLength('Заметка'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const got = await fetch(fileUrl('note'), { headers: { authorization: `Bearer ${token}` } });
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await got.text()).toBe('Заметка');
    expect(fs.readdirSync(path.join(core.config.dataDir, 'files', 'hello', 'notes', acc.accountId))).toContain('note~meta.json');

    // Refused on the way (1 KB here), answered on the same request, and nothing kept of it.
    const big = await put('big', new Uint8Array(256 * 1024));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'file_too_large' } });
    expect((await core.api.call('GET', '/api/hello/files/big', { token })).status).toBe(404);
    expect(fs.readdirSync(path.join(core.config.dataDir, 'files', 'hello', 'notes', acc.accountId)).filter((f) => !f.startsWith('note~'))).toEqual([]);
  });

  it('gives a dependent plugin the typed service of its dependency', async () => {
    await setEnabled('echo', true);
    expect((await core.api.call('GET', '/api/echo/count', { token })).body).toEqual({ count: 1 });
  });

  it('validates socket events and acknowledges after the handler', async () => {
    const s = await helloSocket();
    expect(await s.emitWithAck('item.add', { text: 'by socket' })).toMatchObject({ ok: true, data: { text: 'by socket' } });
    expect(await s.emitWithAck('item.add', { text: '' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await s.emitWithAck('item.add', 'not an object')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await s.emitWithAck('item.add', { text: 'third' })).toMatchObject({ ok: true });
    expect(await s.emitWithAck('item.add', { text: 'fourth' })).toMatchObject({ ok: false, error: { code: 'too_many', message: 'Too many items' } });
    s.close();
  });

  it('rate-limits a flooding visitor without slowing other visitors', async () => {
    const visitorSocket = async () => {
      const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://plugins.example' } });
      return new Promise<Socket>((resolve, reject) => {
        const s = connect(`${core.url}/hello`, { auth: { token: session.body.visitorToken }, transports: ['websocket'], extraHeaders: { origin: 'https://plugins.example' } });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    };
    const flooder = await visitorSocket();
    const calm = await visitorSocket();
    const replies = (await Promise.all(Array.from({ length: 30 }, () => flooder.emitWithAck('slow', { ms: 0 })))) as { ok: boolean; error?: { code: string } }[];
    expect(replies.filter((r) => r.ok).length).toBe(20);
    expect(replies.filter((r) => r.error?.code === 'rate_limited').length).toBe(10);
    expect(await calm.emitWithAck('slow', { ms: 0 })).toMatchObject({ ok: true });
    flooder.close();
    calm.close();
  });
});

describe('plugins switched per account (A7)', () => {
  it('a plugin off by default is refused until the agency enables it', async () => {
    await setEnabled('echo', false);
    const res = await core.api.call('GET', '/api/echo/count', { token });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'plugin_disabled' } });
  });

  it('a disabled plugin answers 403, refuses its socket namespace and events, and leaves the widget', async () => {
    const open = await helloSocket();
    const widgetBefore = await core.api.call<{ plugins: { id: string }[] }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://plugins.example' } });
    expect(widgetBefore.body.plugins.map((p) => p.id)).toEqual(['hello']);
    expect((await core.api.call<{ id: string }[]>('GET', '/api/plugins', { token })).body.map((p) => p.id)).toEqual(['hello']);

    await setEnabled('hello', false);
    expect((await core.api.call('GET', '/api/hello/items', { token })).status).toBe(403);
    expect(await open.emitWithAck('item.add', { text: 'while off' })).toMatchObject({ ok: false, error: { code: 'plugin_disabled' } });
    await expect(helloSocket()).rejects.toThrow('plugin_disabled');
    const widgetAfter = await core.api.call<{ plugins: { id: string }[] }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://plugins.example' } });
    expect(widgetAfter.body.plugins).toEqual([]);
    expect((await core.api.call<unknown[]>('GET', '/api/plugins', { token })).body).toEqual([]);

    await setEnabled('hello', true);
    expect((await core.api.call('GET', '/api/hello/items', { token })).status).toBe(200);
    open.close();
  });
});

describe("the account's open panels follow its plugins", () => {
  it('tells /panel sockets of the account `plugins.changed` when the agency switches one', async () => {
    const panel = connect(`${core.url}/panel`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    await new Promise<void>((resolve, reject) => panel.once('connect', resolve).once('connect_error', reject));
    const told = () => new Promise<void>((resolve) => panel.once('plugins.changed', () => resolve()));
    const off = told();
    await setEnabled('hello', false);
    await off;
    const on = told();
    await setEnabled('hello', true);
    await on;
    panel.close();
  });
});
