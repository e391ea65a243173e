import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, startTestSmtp, type TestSmtp } from '../support/smtp-server.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let smtp: TestSmtp;
let acc: SeededAccount;

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ smtpUrl: smtp.url });
  acc = await seedAccount(core);
});
afterAll(async () => {
  await core?.stop();
  await smtp?.stop();
});

describe('sign in, refresh, sign out (A1)', () => {
  it('signs in with e-mail and password and returns the user of the account', async () => {
    const res = await core.api.login(acc.admin.email.toUpperCase(), acc.admin.password);
    expect(res.user).toMatchObject({ id: acc.admin.id, email: acc.admin.email, role: 'admin', accountId: acc.accountId, firstName: 'Anna' });
    const me = await core.api.call('GET', '/api/me', { token: res.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: acc.admin.id, role: 'admin' });
  });

  it('refuses a wrong password and bad input with clear errors', async () => {
    const wrong = await core.api.call('POST', '/api/auth/login', { body: { email: acc.admin.email, password: 'nope nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong e-mail or password' } });
    const badEmail = await core.api.call<{ error: { fields: Record<string, string> } }>('POST', '/api/auth/login', { body: { email: 'not-an-email', password: 'x' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.fields.email).toBe('Enter a valid e-mail address');
    const malformed = await core.api.call('POST', '/api/auth/login', { raw: '{"email":' });
    expect(malformed.status).toBe(400);
    const huge = await core.api.call('POST', '/api/auth/login', { body: { email: 'a@b.cd', password: 'x'.repeat(20_000) } });
    expect(huge.status).toBe(413);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const first = await core.api.login(acc.operator.email, acc.operator.password);
    const second = await core.api.call<{ refreshToken: string; accessToken: string }>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    // Replaying the rotated token: refused, and the live one of that family dies with it.
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
  });

  it('signs out: the refresh token no longer works', async () => {
    const session = await core.api.login(acc.operator.email, acc.operator.password);
    expect((await core.api.call('POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(204);
    expect((await core.api.call('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('refuses forged, foreign and missing tokens', async () => {
    const session = await core.api.login(acc.operator.email, acc.operator.password);
    const [h, p] = session.accessToken.split('.');
    expect((await core.api.call('GET', '/api/me', { token: `${h}.${p}.forged` })).status).toBe(401);
    expect((await core.api.call('GET', '/api/me')).status).toBe(401);
    expect((await core.api.call('GET', '/api/me', { token: 'garbage' })).status).toBe(401);
  });

  it('remembers the panel language per user (A8)', async () => {
    const session = await core.api.login(acc.operator.email, acc.operator.password);
    const changed = await core.api.call('PATCH', '/api/me', { token: session.accessToken, body: { locale: 'en' } });
    expect(changed.body).toMatchObject({ locale: 'en' });
    expect((await core.api.login(acc.operator.email, acc.operator.password)).user.locale).toBe('en');
    expect((await core.api.call('PATCH', '/api/me', { token: session.accessToken, body: { locale: 'de' } })).status).toBe(400);
    expect((await core.api.call('PATCH', '/api/me', { token: session.accessToken, body: { role: 'admin' } })).status).toBe(400);
  });

  it('sends a working reset link for a forgotten password, usable once', async () => {
    const ask = await core.api.call('POST', '/api/auth/forgot-password', { body: { email: acc.operator.email } });
    expect(ask.status).toBe(202);
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(acc.operator.email));
    const link = new URL(linkIn(mail, '/reset-password'));
    expect(link.origin).toBe('http://panel.test');
    const token = link.searchParams.get('token')!;

    const short = await core.api.call('POST', '/api/auth/reset-password', { body: { token, password: 'short' } });
    expect(short.status).toBe(400);
    const long = await core.api.call('POST', '/api/auth/reset-password', { body: { token, password: 'я'.repeat(37) } });
    expect(long.status).toBe(400);
    expect((await core.api.call('POST', '/api/auth/reset-password', { body: { token, password: 'a brand new secret' } })).status).toBe(204);
    expect((await core.api.call('POST', '/api/auth/reset-password', { body: { token, password: 'another new secret' } })).status).toBe(400);
    expect((await core.api.call('POST', '/api/auth/login', { body: { email: acc.operator.email, password: acc.operator.password } })).status).toBe(401);
    await core.api.login(acc.operator.email, 'a brand new secret');
    acc.operator.password = 'a brand new secret';
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = smtp.messages.length;
    const res = await core.api.call('POST', '/api/auth/forgot-password', { body: { email: 'nobody@example.test' } });
    expect(res.status).toBe(202);
    // A request for a known address right after: once its mail is here, one for the unknown
    // address would have been sent before it.
    expect((await core.api.call('POST', '/api/auth/forgot-password', { body: { email: acc.admin.email } })).status).toBe(202);
    await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(acc.admin.email));
    expect(smtp.messages.slice(before).map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining(acc.admin.email)]);
  });

  it('rate-limits password guessing for one address', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) {
      attempts.push((await core.api.call('POST', '/api/auth/login', { body: { email: 'target@example.test', password: `guess ${i}` } })).status);
    }
    expect(attempts.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(attempts[10]).toBe(429);
  });

  it('never locks out someone who signs in rightly, again and again (tabs, devices)', async () => {
    for (let i = 0; i < 12; i++) {
      expect((await core.api.call('POST', '/api/auth/login', { body: { email: acc.operator.email, password: acc.operator.password } })).status).toBe(200);
    }
  });

  it('rate-limits password guessing for one account from many addresses, not other accounts', async () => {
    const victim = await seedAccount(core);
    // Each guess from its own address (X-Forwarded-For, trusted from loopback): no per-address budget is reached.
    const from = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });
    const guesses = [];
    for (let i = 0; i < 30; i++) {
      guesses.push((await core.api.call('POST', '/api/auth/login', { headers: from(i), body: { email: victim.admin.email, password: `guess ${i}` } })).status);
    }
    expect(guesses.every((s) => s === 401), guesses.join()).toBe(true);
    const right = await core.api.call<{ error: { code: string } }>('POST', '/api/auth/login', { headers: from(200), body: { email: victim.admin.email, password: victim.admin.password } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The operator of the same account, guessed by nobody, signs in from the same address.
    const other = await core.api.call('POST', '/api/auth/login', { headers: from(200), body: { email: victim.operator.email, password: victim.operator.password } });
    expect(other.status).toBe(200);
  });
});
