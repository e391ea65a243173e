import { randomBytes } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLog, SupportSession } from '../../src/agency/support.contract.js';
import { cmsClient, seedAccount, seedAgency, startTestCore, uniqueEmail, type SeededAccount, type TestCore } from '../support/harness.js';

/** Issue 15: agency staff open a client's panel read-only; every visit is in the client's access log. */
let core: TestCore;
let ours: Awaited<ReturnType<typeof seedAgency>>;
let theirs: Awaited<ReturnType<typeof seedAgency>>;
let staffToken: string;
let client: { admin: { email: string; password: string }; operator: { email: string; password: string } };
let other: SeededAccount;

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

beforeAll(async () => {
  core = await startTestCore({ plugins: { hello: { options: { greeting: 'Привет' } } } });
  ours = await seedAgency(core, 'Ours');
  theirs = await seedAgency(core, 'Theirs');
  other = await seedAccount(core);
  // The client's own admin and operator.
  const cms = cmsClient();
  const password = 'correct horse battery';
  const member = (role: 'account-admin' | 'operator', label: string) =>
    cms.createUser({ email: uniqueEmail(label), password, account: ours.clientId, role, confirmed: true, firstName: label, lastName: randomBytes(2).toString('hex') });
  const [admin, operator] = [await member('account-admin', 'admin'), await member('operator', 'op')];
  await core.content.refresh();
  client = { admin: { email: admin.email, password }, operator: { email: operator.email, password } };
  staffToken = (await core.api.login(ours.staff.email, ours.staff.password)).accessToken;
});
afterAll(async () => {
  await core?.stop();
});

const startSupport = (accountId: string, token = staffToken) => core.api.call<SupportSession>('POST', `/api/agency/clients/${accountId}/support`, { token });

const socketOf = (namespace: string, token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(`${core.url}${namespace}`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
const emit = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;

describe('starting a support visit', () => {
  it("gives agency staff a read-only session in their own client's account", async () => {
    const before = Date.now();
    const res = await startSupport(ours.clientId);
    expect(res.status).toBe(201);
    expect(res.body.account.id).toBe(ours.clientId);
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThan(before + 25 * 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1000);
    // The panel learns who it is: the staff member, as `support`, in the client's account.
    const me = await core.api.call<{ role: string; accountId: string; email: string }>('GET', '/api/me', { token: res.body.accessToken });
    expect(me.body).toMatchObject({ role: 'support', accountId: ours.clientId, email: ours.staff.email });
    // The staff member's own session is untouched.
    expect((await core.api.call('GET', '/api/agency/clients', { token: staffToken })).status).toBe(200);
  });

  it("answers another agency's client, and an unknown id, as unknown (404)", async () => {
    expect((await startSupport(theirs.clientId)).status).toBe(404);
    expect((await startSupport(other.accountId)).status).toBe(404);
    expect((await startSupport('nosuchclient')).status).toBe(404);
  });

  it("refuses account users (403) and strangers (401); a support token starts no visit and opens no console", async () => {
    const adminToken = (await core.api.login(client.admin.email, client.admin.password)).accessToken;
    const operatorToken = (await core.api.login(client.operator.email, client.operator.password)).accessToken;
    expect((await startSupport(ours.clientId, adminToken)).status).toBe(403);
    expect((await startSupport(ours.clientId, operatorToken)).status).toBe(403);
    expect((await core.api.call('POST', `/api/agency/clients/${ours.clientId}/support`)).status).toBe(401);
    const support = (await startSupport(ours.clientId)).body.accessToken;
    expect((await core.api.call('GET', '/api/agency/clients', { token: support })).status).toBe(403);
    // No refresh token: nothing to rotate a visit into a longer one.
    expect([400, 401]).toContain((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: support } })).status);
  });

  it("ends with the staff member's standing: a disconnected staff member's visit token stops working", async () => {
    const agency = await seedAgency(core, 'Short-lived');
    const token = (await core.api.login(agency.staff.email, agency.staff.password)).accessToken;
    const support = (await startSupport(agency.clientId, token)).body.accessToken;
    expect((await core.api.call('GET', '/api/me', { token: support })).status).toBe(200);
    await cmsClient().updateUser(agency.staff.id, { blocked: true });
    await core.content.refresh();
    expect((await core.api.call('GET', '/api/me', { token: support })).status).toBe(401);
  });
});

describe('a support visit reads and writes nothing', () => {
  let support: string;
  beforeAll(async () => {
    support = (await startSupport(ours.clientId)).body.accessToken;
  });

  it('reads what the admin reads (GET), plugin routes included', async () => {
    expect((await core.api.call('GET', '/api/sites', { token: support })).status).toBe(200);
    expect((await core.api.call('GET', '/api/team', { token: support })).status).toBe(200);
    expect((await core.api.call('GET', '/api/plugins', { token: support })).status).toBe(200);
    expect((await core.api.call('GET', '/api/hello/items', { token: support })).status).toBe(200);
  });

  it('refuses every POST, PUT, PATCH and DELETE with 403 read_only, core and plugin routes alike, before validation', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/sites', { name: 'Shop', url: 'https://shop.example' }],
      ['POST', '/api/team/invitations', { email: uniqueEmail('x'), role: 'operator' }],
      ['PATCH', '/api/me', { locale: 'en' }],
      ['POST', '/api/me/avatar', {}],
      ['DELETE', '/api/sites/whatever', undefined],
      ['POST', '/api/hello/items', { text: 'written by support' }],
      ['PUT', '/api/hello/files/note', {}],
      ['POST', '/api/no/such/route', {}],
    ];
    for (const [method, url, body] of writes) {
      const res = await core.api.call<{ error: { code: string; message: string } }>(method, url, { token: support, body });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.code).toBe('read_only');
      expect(res.body.error.message).toMatch(/read-only/);
    }
    const items = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: support });
    expect(items.body.map((i) => i.text)).not.toContain('written by support');
  });

  it('serves socket reads and refuses socket writes with read_only', async () => {
    const socket = await socketOf('/hello', support);
    try {
      expect(await emit(socket, 'items.list', {})).toMatchObject({ ok: true, data: expect.any(Array) });
      expect(await emit(socket, 'item.add', { text: 'from support' })).toEqual({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/read-only/) } });
      // Refused before validation too: an unmarked event never reaches its handler.
      expect(await emit(socket, 'slow', { ms: 1 })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    } finally {
      socket.disconnect();
    }
    // The account's own members still write.
    const adminToken = (await core.api.login(client.admin.email, client.admin.password)).accessToken;
    const member = await socketOf('/hello', adminToken);
    try {
      expect(await emit(member, 'item.add', { text: 'from the admin' })).toMatchObject({ ok: true });
    } finally {
      member.disconnect();
    }
    const panel = await socketOf('/panel', support);
    try {
      expect(await emit(panel, 'anything', {})).toMatchObject({ ok: false });
    } finally {
      panel.disconnect();
    }
  });
});

describe('the access log', () => {
  it("lists the account's visits newest first for its admin, with who, when, until when and what they opened", async () => {
    const first = (await startSupport(ours.clientId)).body;
    await core.api.call('GET', '/api/sites', { token: first.accessToken });
    await core.api.call('GET', '/api/sites?x=1', { token: first.accessToken });
    const socket = await socketOf('/hello', first.accessToken);
    await emit(socket, 'items.list', {});
    socket.disconnect();
    const second = (await startSupport(ours.clientId)).body;

    const adminToken = (await core.api.login(client.admin.email, client.admin.password)).accessToken;
    await expect.poll(async () => (await core.api.call<AccessLog>('GET', '/api/account/audit', { token: adminToken })).body.visits.find((e) => e.id === first.visitId)?.opened).toEqual(['GET /api/sites', '/hello items.list']);
    const res = await core.api.call<AccessLog>('GET', '/api/account/audit', { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toEqual(expect.any(String));
    const log = { body: res.body.visits };
    const ids = log.body.map((e) => e.id);
    expect(ids.indexOf(second.visitId)).toBeLessThan(ids.indexOf(first.visitId));
    const entry = log.body.find((e) => e.id === first.visitId)!;
    expect(entry).toMatchObject({ staff: { name: 'Olga Agent', email: ours.staff.email }, expiresAt: first.expiresAt });
    expect(entry.agency).toMatch(/^Ours /);
    expect(Date.parse(entry.startedAt)).toBeLessThan(Date.parse(entry.expiresAt));
    const times = log.body.map((e) => Date.parse(e.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('is for admins only: 403 for an operator and for a support visit, 401 without a token', async () => {
    const operatorToken = (await core.api.login(client.operator.email, client.operator.password)).accessToken;
    expect((await core.api.call('GET', '/api/account/audit', { token: operatorToken })).status).toBe(403);
    const support = (await startSupport(ours.clientId)).body.accessToken;
    expect((await core.api.call('GET', '/api/account/audit', { token: support })).status).toBe(403);
    expect((await core.api.call('GET', '/api/account/audit', { token: staffToken })).status).toBe(401);
    expect((await core.api.call('GET', '/api/account/audit')).status).toBe(401);
  });

  it("never shows another account's visits", async () => {
    const theirsToken = (await core.api.login(theirs.staff.email, theirs.staff.password)).accessToken;
    const visit = (await startSupport(theirs.clientId, theirsToken)).body;
    expect(visit.visitId).toEqual(expect.any(String));
    const otherAdmin = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
    const log = await core.api.call<AccessLog>('GET', '/api/account/audit', { token: otherAdmin });
    expect(log.status).toBe(200);
    expect(log.body.visits).toEqual([]);
    const adminToken = (await core.api.login(client.admin.email, client.admin.password)).accessToken;
    const ourLog = await core.api.call<AccessLog>('GET', '/api/account/audit', { token: adminToken });
    expect(ourLog.body.visits.map((e) => e.id)).not.toContain(visit.visitId);
  });
});
