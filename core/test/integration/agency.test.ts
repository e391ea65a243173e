import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, startTestSmtp, type TestSmtp } from '../support/smtp-server.js';
import { seedAccount, seedAgency, startTestCore, uniqueEmail, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let smtp: TestSmtp;
let ours: Awaited<ReturnType<typeof seedAgency>>;
let theirs: Awaited<ReturnType<typeof seedAgency>>;
let staffToken: string;
let acc: SeededAccount;
let adminToken: string;

interface ClientView {
  id: string;
  name: string;
  timezone: string;
  language: string;
  sites: { id: string; name: string; url: string }[];
  operators: { used: number; allowed: number | null };
  plugins: { id: string }[];
  lastActiveAt: string | null;
}
interface ClientPlugin {
  id: string;
  title: { ru: string; en: string };
  enabled: boolean;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ smtpUrl: smtp.url, plugins: { hello: { options: { greeting: 'Привет' } }, echo: {} } });
  ours = await seedAgency(core, 'Ours');
  theirs = await seedAgency(core, 'Theirs');
  acc = await seedAccount(core);
  staffToken = (await core.api.login(ours.staff.email, ours.staff.password)).accessToken;
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
});
afterAll(async () => {
  await core?.stop();
  await smtp?.stop();
});

const newClient = () => ({
  name: `Shop ${Math.random().toString(36).slice(2, 8)}`,
  timezone: 'Asia/Yekaterinburg',
  language: 'en',
  siteUrl: `shop-${Math.random().toString(36).slice(2, 8)}.example`,
  adminEmail: uniqueEmail('client-admin'),
});

const panelSocket = (token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(`${core.url}/panel`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });

describe('agency staff: a role of their own', () => {
  it('signs in as agency staff, with their agency and no account', async () => {
    const { user } = await core.api.login(ours.staff.email, ours.staff.password);
    expect(user).toMatchObject({ role: 'agency', accountId: '' });
    expect(String(user.accountName)).toMatch(/^Ours /);
    // Their own profile and panel language (the console's top bar), as any user has.
    const me = await core.api.call<{ role: string; locale: string }>('GET', '/api/me', { token: staffToken });
    expect(me.body).toMatchObject({ role: 'agency', email: ours.staff.email });
    const patched = await core.api.call<{ locale: string }>('PATCH', '/api/me', { token: staffToken, body: { locale: 'en' } });
    expect(patched.status).toBe(200);
    expect(patched.body.locale).toBe('en');
    expect((await core.api.call('PATCH', '/api/me', { token: staffToken, body: { locale: 'de' } })).status).toBe(400);
  });

  it('sends agency staff a working reset link for a forgotten password', async () => {
    expect((await core.api.call('POST', '/api/auth/forgot-password', { body: { email: theirs.staff.email } })).status).toBe(202);
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(theirs.staff.email));
    const token = new URL(linkIn(mail, '/reset-password')).searchParams.get('token')!;
    expect((await core.api.call('POST', '/api/auth/reset-password', { body: { token, password: 'a new staff secret' } })).status).toBe(204);
    expect((await core.api.call('POST', '/api/auth/login', { body: { email: theirs.staff.email, password: theirs.staff.password } })).status).toBe(401);
    theirs.staff.password = 'a new staff secret';
    const { user } = await core.api.login(theirs.staff.email, theirs.staff.password);
    expect(user).toMatchObject({ role: 'agency', accountId: '' });
  });

  it("keeps the console from account users (403) and strangers (401), and staff out of an account's routes", async () => {
    expect((await core.api.call('GET', '/api/agency/clients', { token: adminToken })).status).toBe(403);
    const operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
    expect((await core.api.call('GET', '/api/agency/clients', { token: operatorToken })).status).toBe(403);
    expect((await core.api.call('PUT', `/api/agency/clients/${ours.clientId}/plugins/hello`, { token: adminToken, body: { enabled: false } })).status).toBe(403);
    expect((await core.api.call('GET', '/api/agency/clients')).status).toBe(401);
    expect((await core.api.call('GET', '/api/agency/clients', { token: 'forged.token.here' })).status).toBe(401);
    // Staff are no member of any account: the account's own routes do not know them.
    expect((await core.api.call('GET', '/api/team', { token: staffToken })).status).toBe(401);
    expect((await core.api.call('GET', '/api/sites', { token: staffToken })).status).toBe(401);
  });
});

describe('clients (issue 15)', () => {
  it("lists its own agency's clients only, with sites, seats and plugins", async () => {
    const res = await core.api.call<ClientView[]>('GET', '/api/agency/clients', { token: staffToken });
    expect(res.status).toBe(200);
    const ids = res.body.map((c) => c.id);
    expect(ids).toContain(ours.clientId);
    expect(ids).not.toContain(theirs.clientId);
    expect(ids).not.toContain(acc.accountId);
    const client = res.body.find((c) => c.id === ours.clientId)!;
    expect(client).toMatchObject({ sites: [], operators: { used: 0, allowed: null }, lastActiveAt: null });
    // echo is off unless switched on (`enabledByDefault: false`).
    expect(client.plugins.map((p) => p.id)).toEqual(['hello']);
  });

  it('creates a client with its first site and admin in one request; the admin accepts and lands in their account', async () => {
    const body = newClient();
    const res = await core.api.call<ClientView>('POST', '/api/agency/clients', { token: staffToken, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: body.name, timezone: 'Asia/Yekaterinburg', language: 'en', operators: { used: 1, allowed: null } });
    const host = body.siteUrl;
    expect(res.body.sites).toEqual([{ id: expect.any(String), name: host, url: `https://${host}` }]);
    // Key and origins as the panel's «Добавить сайт» makes them (SitesService.create).
    const site = core.content.site(res.body.sites[0]!.id)!;
    expect(site.origins).toEqual([`https://${host}`, `https://www.${host}`]);
    expect(site.publicKey).toMatch(/^[\w-]{16}$/);
    expect(core.content.account(res.body.id)?.agency).toBe(ours.agencyId);

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(body.adminEmail));
    expect(mail.subject).toBeTruthy();
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token')!;
    const accepted = await core.api.call<{ accessToken: string; user: { role: string; accountId: string; accountName: string } }>('POST', '/api/auth/accept-invitation', {
      body: { token, password: 'client admin password', firstName: 'Ivan', lastName: 'Petrov' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ role: 'admin', accountId: res.body.id, accountName: body.name });
    const sites = await core.api.call<{ id: string }[]>('GET', '/api/sites', { token: accepted.body.accessToken });
    expect(sites.body.map((s) => s.id)).toEqual([site.documentId]);

    const list = await core.api.call<ClientView[]>('GET', '/api/agency/clients', { token: staffToken });
    expect(list.body.find((c) => c.id === res.body.id)?.lastActiveAt).toEqual(expect.any(String));
    // Another agency's staff do not see it.
    const theirToken = (await core.api.login(theirs.staff.email, theirs.staff.password)).accessToken;
    const their = await core.api.call<ClientView[]>('GET', '/api/agency/clients', { token: theirToken });
    expect(their.body.map((c) => c.id)).not.toContain(res.body.id);
  });

  it('refuses bad bodies with a message per field, writing nothing', async () => {
    const before = core.content.accounts().length;
    for (const [patch, field] of [
      [{ name: '' }, 'name'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ language: 'de' }, 'language'],
      [{ siteUrl: 'ftp://shop.example' }, 'siteUrl'],
      [{ adminEmail: 'not-an-email' }, 'adminEmail'],
      [{ extra: true }, ''],
    ] as const) {
      const res = await core.api.call<{ error: { code: string; fields?: Record<string, string> } }>('POST', '/api/agency/clients', { token: staffToken, body: { ...newClient(), ...patch } });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      if (field) expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    expect(core.content.accounts().length).toBe(before);
  });

  it('leaves nothing half-made when a part fails: a taken address, a taken e-mail', async () => {
    const first = newClient();
    const firstId = (await core.api.call<ClientView>('POST', '/api/agency/clients', { token: staffToken, body: first })).body.id;
    const accounts = core.content.accounts().length;

    const sameSite = { ...newClient(), siteUrl: first.siteUrl };
    const taken = await core.api.call<{ error: { code: string } }>('POST', '/api/agency/clients', { token: staffToken, body: sameSite });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('site_address_taken');
    const sameAdmin = { ...newClient(), adminEmail: first.adminEmail };
    const email = await core.api.call<{ error: { code: string } }>('POST', '/api/agency/clients', { token: staffToken, body: sameAdmin });
    expect(email.status).toBe(409);
    expect(email.body.error.code).toBe('email_taken');

    await core.content.refresh();
    expect(core.content.accounts().length).toBe(accounts);
    expect(core.content.accounts().some((a) => a.name === sameSite.name || a.name === sameAdmin.name)).toBe(false);
    expect(core.content.userByEmail(sameSite.adminEmail)).toBeUndefined();
    // The undo removed what the refused request made, not the other client's invited admin.
    expect(core.content.userByEmail(first.adminEmail)?.account).toBe(firstId);
  });
});

describe('plugins per client (A7)', () => {
  it("lists every installed plugin with its title; a switch reaches the client's open panel at once", async () => {
    const body = newClient();
    const created = (await core.api.call<ClientView>('POST', '/api/agency/clients', { token: staffToken, body })).body;
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(body.adminEmail));
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token')!;
    const admin = (await core.api.call<{ accessToken: string }>('POST', '/api/auth/accept-invitation', { body: { token, password: 'client admin password', firstName: 'A', lastName: 'B' } })).body;

    const list = await core.api.call<ClientPlugin[]>('GET', `/api/agency/clients/${created.id}/plugins`, { token: staffToken });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { id: 'hello', title: { ru: 'Привет', en: 'Hello' }, enabled: true, siteSettings: false },
      { id: 'echo', title: { ru: 'Эхо', en: 'Echo' }, enabled: false, siteSettings: false },
    ]);
    // The installation's plugins without a client (the console's plan editor picks among them); staff only.
    const installed = await core.api.call<{ id: string }[]>('GET', '/api/agency/plugins', { token: staffToken });
    expect(installed.body).toEqual([{ id: 'hello', title: { ru: 'Привет', en: 'Hello' } }, { id: 'echo', title: { ru: 'Эхо', en: 'Echo' } }]);
    expect((await core.api.call('GET', '/api/agency/plugins', { token: adminToken })).status).toBe(403);

    const panel = await panelSocket(admin.accessToken);
    try {
      const told = new Promise<void>((resolve) => panel.once('plugins.changed', () => resolve()));
      const off = await core.api.call<ClientPlugin[]>('PUT', `/api/agency/clients/${created.id}/plugins/hello`, { token: staffToken, body: { enabled: false } });
      expect(off.status).toBe(200);
      expect(off.body.find((p) => p.id === 'hello')?.enabled).toBe(false);
      await told;
      const mine = await core.api.call<{ id: string }[]>('GET', '/api/plugins', { token: admin.accessToken });
      expect(mine.body.map((p) => p.id)).toEqual([]);

      const toldAgain = new Promise<void>((resolve) => panel.once('plugins.changed', () => resolve()));
      await core.api.call('PUT', `/api/agency/clients/${created.id}/plugins/hello`, { token: staffToken, body: { enabled: true } });
      await toldAgain;
      expect((await core.api.call<{ id: string }[]>('GET', '/api/plugins', { token: admin.accessToken })).body.map((p) => p.id)).toEqual(['hello']);
    } finally {
      panel.disconnect();
    }
    // One record per client and plugin, switched rather than piled up.
    expect(core.content.pluginEnablement(created.id, 'hello')?.enabled).toBe(true);
  });

  it("refuses another agency's client, an unknown plugin and a bad body", async () => {
    const other = await core.api.call('GET', `/api/agency/clients/${theirs.clientId}/plugins`, { token: staffToken });
    expect(other.status).toBe(404);
    const otherSwitch = await core.api.call('PUT', `/api/agency/clients/${theirs.clientId}/plugins/hello`, { token: staffToken, body: { enabled: false } });
    expect(otherSwitch.status).toBe(404);
    expect(core.content.pluginEnablement(theirs.clientId, 'hello')).toBeUndefined();
    expect((await core.api.call('GET', `/api/agency/clients/${acc.accountId}/plugins`, { token: staffToken })).status).toBe(404);
    expect((await core.api.call('PUT', `/api/agency/clients/${ours.clientId}/plugins/cobrowse`, { token: staffToken, body: { enabled: true } })).status).toBe(404);
    expect((await core.api.call('PUT', `/api/agency/clients/${ours.clientId}/plugins/Hello!`, { token: staffToken, body: { enabled: true } })).status).toBe(400);
    for (const body of [{}, { enabled: 'yes' }, { enabled: true, extra: 1 }]) {
      const res = await core.api.call('PUT', `/api/agency/clients/${ours.clientId}/plugins/hello`, { token: staffToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await core.api.call('GET', '/api/agency/clients/NOT_AN_ID/plugins', { token: staffToken })).status).toBe(400);
  });

  it('holds a plugin off while one it depends on is off, and will not switch it on alone', async () => {
    const created = (await core.api.call<ClientView>('POST', '/api/agency/clients', { token: staffToken, body: newClient() })).body;
    const put = (plugin: string, enabled: boolean) => core.api.call<ClientPlugin[]>('PUT', `/api/agency/clients/${created.id}/plugins/${plugin}`, { token: staffToken, body: { enabled } });
    const enabled = (list: ClientPlugin[]) => list.filter((p) => p.enabled).map((p) => p.id);
    expect(enabled((await put('echo', true)).body)).toEqual(['hello', 'echo']);
    // Hello off takes echo (dependsOn hello) with it: no request, socket or widget of echo's runs.
    expect(enabled((await put('hello', false)).body)).toEqual([]);
    expect(core.content.pluginEnablement(created.id, 'echo')?.enabled).toBe(true);
    const alone = await core.api.call<{ error: { code: string } }>('PUT', `/api/agency/clients/${created.id}/plugins/echo`, { token: staffToken, body: { enabled: true } });
    expect([alone.status, alone.body.error.code]).toEqual([409, 'plugin_needs_plugin']);
    // Hello back: echo, still switched on, comes back with it.
    expect(enabled((await put('hello', true)).body)).toEqual(['hello', 'echo']);
  });
});
