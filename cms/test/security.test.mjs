// Issue 9 #14: a fresh CMS is not up for grabs — its super-admin is seeded, CORS answers only its
// own origin, and users-permissions' public sign-in routes are gone.

import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildServer, client, makeRepoTree, secret, startCms, strapiSecrets, tempDir, useDatabase } from './helpers.mjs';

buildServer();

const SUPERADMIN = { email: 'agency@callpy.test', password: `Aa1${secret(12)}` };

for (const engine of ['sqlite', 'postgres']) {
  describe(`cms security on ${engine}`, () => {
    let tmp, pg, cms, anon;

    before(async () => {
      tmp = tempDir(`callpy-cms-sec-${engine}-`);
      const env = {
        ...strapiSecrets(),
        CALLPY_REPO_ROOT: makeRepoTree(join(tmp.dir, 'repo')),
        CMS_PUBLIC_DIR: join(tmp.dir, 'public'),
        CMS_API_TOKEN: secret(32),
        CMS_SUPERADMIN_EMAIL: SUPERADMIN.email,
        CMS_SUPERADMIN_PASSWORD: SUPERADMIN.password,
      };
      pg = await useDatabase(engine, tmp.dir, env);
      cms = await startCms(env);
      anon = client(cms.baseUrl, null);
    });

    after(async () => {
      await cms?.stop();
      await pg?.stop();
      tmp?.remove();
    });

    test('the super-admin exists after bootstrap: registration is closed, the seeded login works', async () => {
      const init = await anon('GET', '/admin/init');
      assert.equal(init.status, 200);
      assert.equal(init.body.data.hasAdmin, true);
      const register = await anon('POST', '/admin/register-admin', { email: 'first@evil.example', password: 'Passw0rdPassw0rd', firstname: 'Eve' });
      assert.ok([400, 403].includes(register.status), `register-admin -> ${register.status}`);
      const wrong = await anon('POST', '/admin/login', { email: SUPERADMIN.email, password: 'Wrong1password' });
      assert.equal(wrong.status, 400);
      const login = await anon('POST', '/admin/login', SUPERADMIN);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      const me = await client(cms.baseUrl, login.body.data.token)('GET', '/admin/users/me');
      assert.ok(me.body.data.roles.some((r) => r.code === 'strapi-super-admin'), JSON.stringify(me.body));
    });

    test('CORS: a foreign origin gets no allow header, the CMS\'s own origin does', async () => {
      const evil = 'https://evil.example';
      for (const init of [
        { method: 'GET', headers: { origin: evil } },
        { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } },
      ]) {
        const res = await fetch(`${cms.baseUrl}/admin/init`, init);
        assert.equal(res.headers.get('access-control-allow-origin'), null, `${init.method} from ${evil}`);
        assert.equal(res.headers.get('access-control-allow-credentials'), null, `${init.method} from ${evil}`);
      }
      const own = await fetch(`${cms.baseUrl}/admin/init`, { headers: { origin: cms.baseUrl } });
      assert.equal(own.headers.get('access-control-allow-origin'), cms.baseUrl);
    });

    // No such route: 404 for a GET; a POST gets 405 (the public folder's catch-all answers only GET).
    test('users-permissions\' public auth routes are gone', async () => {
      for (const [method, path, body] of [
        ['POST', '/api/auth/local', { identifier: SUPERADMIN.email, password: SUPERADMIN.password }],
        ['POST', '/api/auth/local/register', { username: 'eve', email: 'eve@evil.example', password: 'secret123' }],
        ['POST', '/api/auth/forgot-password', { email: 'eve@evil.example' }],
        ['POST', '/api/auth/reset-password', { code: 'x', password: 'secret123', passwordConfirmation: 'secret123' }],
        ['GET', '/api/auth/email-confirmation?confirmation=x'],
        ['POST', '/api/auth/send-email-confirmation', { email: 'eve@evil.example' }],
        ['GET', '/api/connect/github'],
        ['GET', '/api/auth/github/callback'],
        ['POST', '/api/auth/refresh', { refreshToken: 'x' }],
        ['GET', '/api/users/me'],
      ]) {
        const res = await anon(method, path, body);
        assert.ok([403, 404, 405].includes(res.status), `${method} ${path} -> ${res.status}`);
      }
    });
  });
}
