import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN } from '../../../widget/src/design.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../support/smtp-server.js';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

// Issue 9, item 13: account basics — password change, site deletion, one site per address,
// member roles, reconnecting a disconnected member.
let core: TestCore;
let smtp: TestSmtp;
let acc: SeededAccount;
let other: SeededAccount;
let adminToken: string;
let operatorToken: string;
let otherAdminToken: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ smtpUrl: smtp.url });
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  otherAdminToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
});
afterAll(async () => {
  await core?.stop();
  await smtp?.stop();
});

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const panelSocket = (token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(`${core.url}/panel`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' }, reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

describe('changing one\'s password (A4)', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const user = await seedUser(core, acc.accountId, { firstName: 'Pavel', lastName: 'Pass' });
    const laptop = await core.api.login(user.email, user.password);
    const phone = await core.api.login(user.email, user.password);

    const wrong = await core.api.call<ErrorBody>('POST', '/api/me/password', { token: laptop.accessToken, body: { currentPassword: 'not it', newPassword: 'a brand new secret' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_password', fields: { currentPassword: 'Wrong password' } });

    const changed = await core.api.call<{ accessToken: string; refreshToken: string; user: { id: number } }>('POST', '/api/me/password', {
      token: laptop.accessToken,
      body: { currentPassword: user.password, newPassword: 'a brand new secret' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.id).toBe(user.id);
    // The other device's session (and this one's old refresh token) are over; the fresh one works.
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: phone.refreshToken } })).status).toBe(401);
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: laptop.refreshToken } })).status).toBe(401);
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: changed.body.refreshToken } })).status).toBe(200);
    expect((await core.api.call('POST', '/api/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);
    await core.api.login(user.email, 'a brand new secret');
  });

  it('applies the rules of a reset to the new password and refuses bad bodies', async () => {
    const { accessToken } = await core.api.login(acc.operator.email, acc.operator.password);
    const post = (body: unknown) => core.api.call<ErrorBody>('POST', '/api/me/password', { token: accessToken, body });
    const short = await post({ currentPassword: acc.operator.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.fields?.newPassword).toMatch(/at least 8/);
    // 37 Cyrillic letters are 74 bytes: bcrypt would check only the first 72.
    const long = await post({ currentPassword: acc.operator.password, newPassword: 'ж'.repeat(37) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields?.newPassword).toMatch(/72 bytes/);
    expect((await post({ currentPassword: acc.operator.password, newPassword: 'ж'.repeat(36) })).status).toBe(200);
    expect((await post({ newPassword: 'long enough' })).body.error.code).toBe('validation_failed');
    expect((await post({ currentPassword: 'x', newPassword: 'long enough', userId: acc.admin.id })).body.error.code).toBe('validation_failed');
    expect((await core.api.call('POST', '/api/me/password', { body: { currentPassword: 'x', newPassword: 'long enough' } })).status).toBe(401);
    acc.operator.password = 'ж'.repeat(36);
  });

  it('slows down guessing of the current password: five tries per quarter hour', async () => {
    const user = await seedUser(core, acc.accountId, { firstName: 'Gena', lastName: 'Guess' });
    const { accessToken } = await core.api.login(user.email, user.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await core.api.call('POST', '/api/me/password', { token: accessToken, body: { currentPassword: `guess ${i}`, newPassword: 'long enough' } })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

describe('one site per address (B1)', () => {
  it('refuses a second site with an address of this account, www twin included, and names the site', async () => {
    expect((await core.api.call('POST', '/api/sites', { token: adminToken, body: { name: 'Cakes', url: 'https://cakes.example/shop' } })).status).toBe(201);
    for (const url of ['cakes.example', 'https://www.cakes.example/other']) {
      const again = await core.api.call<ErrorBody>('POST', '/api/sites', { token: adminToken, body: { name: 'Cakes 2', url } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'site_exists', message: 'The site «Cakes» of this account already has this address', fields: { url: 'This account already has a site with this address' } });
    }
  });

  it('refuses an address another account has, on create and on a change of address', async () => {
    const theirs = await core.api.call<ErrorBody>('POST', '/api/sites', { token: otherAdminToken, body: { name: 'Not cakes', url: 'http://cakes.example' } });
    // Another scheme is another origin; the same origin is refused.
    expect(theirs.status).toBe(201);
    const taken = await core.api.call<ErrorBody>('POST', '/api/sites', { token: otherAdminToken, body: { name: 'Cakes too', url: 'https://cakes.example' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('site_address_taken');
    const mine = await core.api.call<{ id: string }>('POST', '/api/sites', { token: otherAdminToken, body: { name: 'Pies', url: 'https://pies.example' } });
    const moved = await core.api.call<ErrorBody>('PATCH', `/api/sites/${mine.body.id}`, { token: otherAdminToken, body: { url: 'https://www.cakes.example' } });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('site_address_taken');
    // Its own address again is no conflict.
    expect((await core.api.call('PATCH', `/api/sites/${mine.body.id}`, { token: otherAdminToken, body: { url: 'https://pies.example/new' } })).status).toBe(200);
  });
});

describe('deleting a site', () => {
  it('removes it with its design; its widget gets no session any more', async () => {
    const site = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Gone', url: 'https://gone.example' } })).body;
    const { style, position, colors, captions, logo } = DEFAULT_DESIGN;
    const design = await core.api.call('PUT', `/api/sites/${site.id}/design`, { token: adminToken, body: { style, position, colors, captions, logo } });
    expect(design.status).toBe(200);
    expect(core.content.designOf(site.id)).toBeDefined();
    const before = await core.api.call('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://gone.example' } });
    expect(before.status).toBe(200);

    expect((await core.api.call('DELETE', `/api/sites/${site.id}`, { token: adminToken })).status).toBe(204);
    const list = await core.api.call<{ id: string }[]>('GET', '/api/sites', { token: adminToken });
    expect(list.body.map((s) => s.id)).not.toContain(site.id);
    const after = await core.api.call<ErrorBody>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: 'https://gone.example' } });
    expect(after.body.error.code).toBe('unknown_site');
    expect(core.content.designOf(site.id)).toBeUndefined();
    await core.content.refresh();
    expect(core.content.site(site.id)).toBeUndefined();
    expect(core.content.designOf(site.id)).toBeUndefined();
    // Its address is free again.
    expect((await core.api.call('POST', '/api/sites', { token: otherAdminToken, body: { name: 'Reborn', url: 'https://gone.example' } })).status).toBe(201);
  });

  it('is for admins of the site\'s account only, and checks the id', async () => {
    const site = (await core.api.call<{ id: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Kept', url: 'https://kept.example' } })).body;
    const foreign = await core.api.call<ErrorBody>('DELETE', `/api/sites/${site.id}`, { token: otherAdminToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await core.api.call('DELETE', `/api/sites/${site.id}`, { token: operatorToken })).status).toBe(403);
    expect((await core.api.call<ErrorBody>('DELETE', '/api/sites/..%2F..%2Fusers', { token: adminToken })).body.error.code).toBe('validation_failed');
    expect((await core.api.call('GET', `/api/sites/${site.id}`, { token: adminToken })).status).toBe(200);
  });
});

describe('member roles', () => {
  it('makes an operator an admin and back; their open panel is told and their token follows', async () => {
    const member = await seedUser(core, acc.accountId, { firstName: 'Rita', lastName: 'Role' });
    const session = await core.api.login(member.email, member.password);
    const panel = await panelSocket(session.accessToken);
    const told = new Promise((resolve) => panel.once('auth.changed', resolve));
    expect((await core.api.call('GET', '/api/team', { token: session.accessToken })).status).toBe(403);

    const promoted = await core.api.call<{ role: string }>('PATCH', `/api/team/${member.id}`, { token: adminToken, body: { role: 'admin' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: member.id, role: 'admin', status: 'active' });
    await expect(told).resolves.toEqual({});
    expect((await core.api.call('GET', '/api/team', { token: session.accessToken })).status).toBe(200);
    const refreshed = await core.api.call<{ user: { role: string } }>('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.body.user.role).toBe('admin');

    expect((await core.api.call<{ role: string }>('PATCH', `/api/team/${member.id}`, { token: adminToken, body: { role: 'operator' } })).body.role).toBe('operator');
    expect((await core.api.call('GET', '/api/team', { token: session.accessToken })).status).toBe(403);
    panel.close();
  });

  it('keeps the last admin: they cannot step down, but can once there is another', async () => {
    const lone = await seedAccount(core, 'Lone');
    const token = (await core.api.login(lone.admin.email, lone.admin.password)).accessToken;
    const down = await core.api.call<ErrorBody>('PATCH', `/api/team/${lone.admin.id}`, { token, body: { role: 'operator' } });
    expect(down.status).toBe(409);
    expect(down.body.error.code).toBe('last_admin');
    expect((await core.api.call('PATCH', `/api/team/${lone.operator.id}`, { token, body: { role: 'admin' } })).status).toBe(200);
    expect((await core.api.call<{ role: string }>('PATCH', `/api/team/${lone.admin.id}`, { token, body: { role: 'operator' } })).body.role).toBe('operator');
  });

  it('refuses another account\'s member, operators and bad bodies', async () => {
    expect((await core.api.call<ErrorBody>('PATCH', `/api/team/${other.operator.id}`, { token: adminToken, body: { role: 'admin' } })).status).toBe(404);
    expect((await core.api.call('PATCH', `/api/team/${acc.operator.id}`, { token: operatorToken, body: { role: 'admin' } })).status).toBe(403);
    for (const body of [{ role: 'owner' }, {}, { role: 'admin', email: 'x@example.test' }]) {
      expect((await core.api.call<ErrorBody>('PATCH', `/api/team/${acc.operator.id}`, { token: adminToken, body })).body.error.code).toBe('validation_failed');
    }
    expect((await core.api.call('PATCH', '/api/team/abc', { token: adminToken, body: { role: 'admin' } })).status).toBe(400);
  });
});

describe('reconnecting a disconnected member', () => {
  it('switches them back on: their own password works again', async () => {
    const member = await seedUser(core, acc.accountId, { firstName: 'Boris', lastName: 'Back' });
    expect((await core.api.call('POST', `/api/team/${member.id}/disconnect`, { token: adminToken })).status).toBe(204);
    expect((await core.api.call('POST', '/api/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(403);

    const back = await core.api.call<{ status: string }>('POST', `/api/team/${member.id}/reconnect`, { token: adminToken });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: member.id, status: 'active' });
    await core.api.login(member.email, member.password);
    const again = await core.api.call<ErrorBody>('POST', `/api/team/${member.id}/reconnect`, { token: adminToken });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_disconnected');
  });

  it('refuses another account\'s member and operators', async () => {
    expect((await core.api.call('POST', `/api/team/${other.operator.id}/reconnect`, { token: adminToken })).status).toBe(404);
    expect((await core.api.call('POST', `/api/team/${acc.admin.id}/reconnect`, { token: operatorToken })).status).toBe(403);
    expect((await core.api.call('POST', '/api/team/0/reconnect', { token: adminToken })).status).toBe(400);
  });

  it('an invitation to a disconnected member\'s address starts them over with a new link', async () => {
    const member = await seedUser(core, acc.accountId, { firstName: 'Ira', lastName: 'Again' });
    await core.api.call('POST', `/api/team/${member.id}/disconnect`, { token: adminToken });
    const invited = await core.api.call<{ status: string; role: string }>('POST', '/api/team/invitations', { token: adminToken, body: { email: member.email, role: 'admin' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ id: member.id, status: 'invited', role: 'admin' });
    // The old password is void until the new link is used.
    expect((await core.api.call('POST', '/api/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(401);
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(member.email));
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token')!;
    const accepted = await core.api.call<{ user: { role: string } }>('POST', '/api/auth/accept-invitation', { body: { token, password: 'back again pass', firstName: 'Ira', lastName: 'Again' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.role).toBe('admin');
    // Still refused for another account's disconnected member.
    const stranger = await seedUser(core, other.accountId, { firstName: 'Stas', lastName: 'Stranger' });
    await core.api.call('POST', `/api/team/${stranger.id}/disconnect`, { token: otherAdminToken });
    expect((await core.api.call('POST', '/api/team/invitations', { token: adminToken, body: { email: stranger.email } })).status).toBe(409);
  });
});
