import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, startTestSmtp, type TestSmtp } from '../support/smtp-server.js';
import { seedAccount, startTestCore, uniqueEmail, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let smtp: TestSmtp;
let acc: SeededAccount;
let adminToken: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ smtpUrl: smtp.url });
  acc = await seedAccount(core);
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
});
afterAll(async () => {
  await core?.stop();
  await smtp?.stop();
});

const panelSocket = (token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(`${core.url}/panel`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });

describe('team: invite, accept, disconnect (A2, A3)', () => {
  it('invites an operator by e-mail; the invitee sets a password and is signed in', async () => {
    const email = uniqueEmail('invitee');
    const invited = await core.api.call('POST', '/api/team/invitations', { token: adminToken, body: { email, role: 'operator' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, role: 'operator', status: 'invited' });

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token')!;
    const info = await core.api.call('GET', `/api/auth/invitations/${token}`);
    expect(info.body).toMatchObject({ email });

    const weak = await core.api.call('POST', '/api/auth/accept-invitation', { body: { token, password: 'short', firstName: 'Ivan', lastName: 'Petrov' } });
    expect(weak.status).toBe(400);
    const accepted = await core.api.call<{ accessToken: string; user: { role: string; accountId: string } }>('POST', '/api/auth/accept-invitation', {
      body: { token, password: 'invitee password', firstName: 'Ivan', lastName: 'Petrov' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ role: 'operator', accountId: acc.accountId, firstName: 'Ivan' });
    expect((await core.api.call('GET', `/api/auth/invitations/${token}`)).status).toBe(404);
    await core.api.login(email, 'invitee password');

    const team = await core.api.call<{ email: string; status: string }[]>('GET', '/api/team', { token: adminToken });
    expect(team.body.find((m) => m.email === email)?.status).toBe('active');
  });

  it('refuses an invitation to an address already in use', async () => {
    const res = await core.api.call('POST', '/api/team/invitations', { token: adminToken, body: { email: acc.operator.email } });
    expect(res.status).toBe(409);
  });

  it('keeps operators out of team management', async () => {
    const op = await core.api.login(acc.operator.email, acc.operator.password);
    expect((await core.api.call('GET', '/api/team', { token: op.accessToken })).status).toBe(403);
    expect((await core.api.call('POST', '/api/team/invitations', { token: op.accessToken, body: { email: uniqueEmail('x') } })).status).toBe(403);
  });

  it('disconnects an operator: open sockets drop at once and the token is refused', async () => {
    const email = uniqueEmail('leaver');
    await core.api.call('POST', '/api/team/invitations', { token: adminToken, body: { email } });
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    const token = new URL(linkIn(mail, '/accept-invitation')).searchParams.get('token')!;
    const session = (await core.api.call<{ accessToken: string; refreshToken: string; user: { id: number } }>('POST', '/api/auth/accept-invitation', { body: { token, password: 'leaver password', firstName: 'L', lastName: 'V' } })).body;

    const socket = await panelSocket(session.accessToken);
    const revoked = new Promise((resolve) => socket.once('auth.revoked', resolve));
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    expect((await core.api.call('POST', `/api/team/${session.user.id}/disconnect`, { token: adminToken })).status).toBe(204);
    await expect(revoked).resolves.toEqual({ reason: 'disconnected' });
    await expect(dropped).resolves.toBe('io server disconnect');

    expect((await core.api.call('GET', '/api/me', { token: session.accessToken })).status).toBe(401);
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    const login = await core.api.call('POST', '/api/auth/login', { body: { email, password: 'leaver password' } });
    expect(login.status).toBe(403);
    expect(login.body).toMatchObject({ error: { code: 'disconnected' } });
    await expect(panelSocket(session.accessToken)).rejects.toThrow('unauthorized');
    const team = await core.api.call<{ email: string; status: string }[]>('GET', '/api/team', { token: adminToken });
    expect(team.body.find((m) => m.email === email)?.status).toBe('disconnected');
    socket.close();
  });

  it('an admin cannot disconnect themselves', async () => {
    expect((await core.api.call('POST', `/api/team/${acc.admin.id}/disconnect`, { token: adminToken })).status).toBe(400);
  });
});
