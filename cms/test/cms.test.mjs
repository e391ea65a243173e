// End-to-end: the real Strapi (admin off) on SQLite and on PostgreSQL, one boot each
// (plus one restart on SQLite to prove the bootstrap is idempotent and rotates the token).

import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  buildServer,
  snapshotKeysOf,
  client,
  makeRepoTree,
  secret,
  startCms,
  startWebhookReceiver,
  strapiSecrets,
  tempDir,
  useDatabase,
} from './helpers.mjs';

buildServer();

const USER_KEYS = [
  'account', 'agency', 'avatar', 'blocked', 'confirmed', 'createdAt', 'documentId', 'email', 'firstName', 'id',
  'lastName', 'panelLocale', 'phone', 'provider', 'role', 'updatedAt', 'username',
].sort();
const SECRET_KEYS = ['password', 'resetPasswordToken', 'confirmationToken'];
const USER_UID = 'plugin::users-permissions.user';

for (const engine of ['sqlite', 'postgres']) {
  describe(`cms on ${engine}`, () => {
    let tmp, pg, hook, cms, api, env;
    const token = secret(32);
    const webhookSecret = secret(12);
    const state = {};

    before(async () => {
      tmp = tempDir(`callpy-cms-${engine}-`);
      hook = await startWebhookReceiver();
      env = {
        ...strapiSecrets(),
        CALLPY_REPO_ROOT: makeRepoTree(join(tmp.dir, 'repo')),
        CMS_PUBLIC_DIR: join(tmp.dir, 'public'),
        CMS_API_TOKEN: token,
        CORE_WEBHOOK_URL: hook.url,
        CORE_WEBHOOK_SECRET: webhookSecret,
      };
      pg = await useDatabase(engine, tmp.dir, env);
      cms = await startCms(env);
      api = client(cms.baseUrl, token);
      process.stderr.write(`${engine}: Strapi ready in ${cms.bootMs} ms\n`);
    });

    after(async () => {
      await cms?.stop();
      await hook?.close();
      await pg?.stop();
      tmp?.remove();
    });

    test('refuses requests without the API token or with a wrong one', async () => {
      const anon = client(cms.baseUrl, null);
      const wrong = client(cms.baseUrl, secret(32));
      for (const call of [anon, wrong]) {
        for (const [method, path, body] of [
          ['GET', '/api/callpy/accounts'],
          ['GET', '/api/callpy/snapshot'],
          ['POST', '/api/callpy/accounts', { data: { name: 'x' } }],
          ['POST', '/api/callpy/users', { email: 'a@b.cd', password: 'secret1', account: 'x', role: 'operator' }],
          ['POST', '/api/callpy/users/verify-password', { email: 'a@b.cd', password: 'secret1' }],
          ['PUT', '/api/callpy/users/1', { blocked: true }],
          ['DELETE', '/api/callpy/users/1'],
        ]) {
          const res = await call(method, path, body);
          assert.ok([401, 403].includes(res.status), `${method} ${path} -> ${res.status}`);
        }
      }
      const ok = await api('GET', '/api/callpy/accounts');
      assert.equal(ok.status, 200);
    });

    test('seeds the roles and turns public registration off', async () => {
      const res = await api('GET', '/api/users-permissions/roles');
      assert.equal(res.status, 200);
      const types = res.body.roles.map((r) => r.type).sort();
      for (const t of ['account-admin', 'operator', 'agency-staff', 'public', 'authenticated']) assert.ok(types.includes(t), t);
      const reg = await client(cms.baseUrl, null)('POST', '/api/auth/local/register', {
        username: 'someone', email: 'someone@example.com', password: 'secret123',
      });
      assert.ok([403, 404, 405].includes(reg.status), `register -> ${reg.status}`);
    });

    test('CRUD of accounts, sites and plugin enablements', async () => {
      let res = await api('POST', '/api/callpy/accounts', { data: { name: 'Shop' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const account = res.body.data;
      assert.equal(account.timezone, 'Europe/Moscow');
      assert.equal(account.language, 'ru');
      state.account = account.documentId;

      res = await api('POST', '/api/callpy/accounts', { data: { timezone: 'UTC' } });
      assert.equal(res.status, 400, 'name is required');

      res = await api('POST', '/api/callpy/sites', {
        data: {
          name: 'Main', url: 'https://shop.example', origins: ['https://shop.example'],
          publicKey: `pk_${engine}_1`, chatLanguage: 'en', account: state.account,
        },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      state.site = res.body.data.documentId;
      assert.deepEqual(res.body.data.origins, ['https://shop.example']);

      res = await api('POST', '/api/callpy/sites', {
        data: { name: 'Dup', url: 'https://dup.example', origins: ['https://dup.example'], publicKey: `pk_${engine}_1` },
      });
      assert.equal(res.status, 400, 'publicKey is unique');
      res = await api('POST', '/api/callpy/sites', { data: { name: 'No key', url: 'https://x.example', origins: ['https://x.example'] } });
      assert.equal(res.status, 400, 'publicKey is required');

      await api('POST', '/api/callpy/sites', {
        data: { name: 'Second', url: 'https://two.example', origins: ['https://two.example'], publicKey: `pk_${engine}_2`, account: state.account },
      });
      res = await api('GET', `/api/callpy/sites?filters[publicKey][$eq]=pk_${engine}_1&populate=account`);
      assert.equal(res.status, 200);
      assert.equal(res.body.data.length, 1);
      assert.equal(res.body.data[0].account.documentId, state.account);
      res = await api('GET', '/api/callpy/sites?pagination[pageSize]=1&sort=publicKey:asc');
      assert.equal(res.body.data.length, 1);
      assert.equal(res.body.meta.pagination.total, 2);
      res = await api('GET', '/api/callpy/sites?filters[nope][$eq]=1');
      assert.equal(res.status, 400, 'unknown filter key');

      res = await api('GET', `/api/callpy/accounts/${state.account}?populate=sites`);
      assert.equal(res.status, 200);
      assert.equal(res.body.data.sites.length, 2);

      res = await api('PUT', `/api/callpy/accounts/${state.account}`, { data: { name: 'Shop Ltd', language: 'en' } });
      assert.equal(res.status, 200);
      assert.equal(res.body.data.name, 'Shop Ltd');
      res = await api('PUT', `/api/callpy/accounts/${state.account}`, { data: { language: 'de' } });
      assert.equal(res.status, 400, 'enum is checked');

      res = await api('POST', '/api/callpy/plugin-enablements', {
        data: { account: state.account, pluginId: 'demo', options: { control: true } },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.data.enabled, true);
      const enablement = res.body.data.documentId;
      res = await api('POST', '/api/callpy/plugin-enablements', {
        data: { account: state.account, pluginId: 'chat', enabled: false },
      });
      state.enablement = res.body.data.documentId;
      res = await api('DELETE', `/api/callpy/plugin-enablements/${enablement}`);
      assert.ok([200, 204].includes(res.status));
      res = await api('GET', `/api/callpy/plugin-enablements/${enablement}`);
      assert.equal(res.status, 404);
    });

    test('content types of plugins/ are discovered too', async () => {
      let res = await api('POST', '/api/callpy/demo-notes', { data: { text: 'hello', site: state.site } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      res = await api('GET', '/api/callpy/demo-notes?populate=site');
      assert.equal(res.body.data[0].site.documentId, state.site);
    });

    test('user create, duplicate, verify, update, block, delete', async () => {
      const base = { password: 'secret123', account: state.account, role: 'operator' };
      let res = await api('POST', '/api/callpy/users', { ...base, email: 'Op@Shop.Example', firstName: 'Ivan', phone: '+7 900' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const user = res.body;
      assert.deepEqual(Object.keys(user).sort(), USER_KEYS);
      assert.equal(user.email, 'op@shop.example');
      assert.equal(user.role, 'operator');
      assert.equal(user.account, state.account);
      assert.equal(user.blocked, false);
      assert.equal(user.confirmed, true);
      assert.equal(user.panelLocale, 'ru');
      assert.equal(user.firstName, 'Ivan');
      state.user = user;

      res = await api('POST', '/api/callpy/users', { ...base, email: 'OP@shop.example' });
      assert.equal(res.status, 409);
      assert.match(res.body.error.message, /already exists/);

      for (const bad of [
        { ...base, email: 'not-an-email' },
        { ...base, email: 'x@y.zz', password: '123' },
        { ...base, email: 'x@y.zz', role: 'superuser' },
        { ...base, email: 'x@y.zz', account: undefined },
        { ...base, email: 'x@y.zz', account: 'no-such-account' },
        { ...base, email: 'x@y.zz', blocked: 'yes' },
        { ...base, email: 'x@y.zz', isAdmin: true },
        [1, 2],
        'not json',
      ]) {
        res = await api('POST', '/api/callpy/users', bad);
        assert.equal(res.status, 400, `${JSON.stringify(bad)} -> ${res.status}`);
        assert.ok(res.body.error.message, 'a clear message');
      }

      res = await api('POST', '/api/callpy/users/verify-password', { email: 'OP@shop.EXAMPLE', password: 'secret123' });
      assert.equal(res.status, 200);
      assert.equal(res.body.user.id, user.id);
      for (const k of SECRET_KEYS) assert.ok(!(k in res.body.user));
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'op@shop.example', password: 'wrong-one' });
      assert.equal(res.status, 401);
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'ghost@shop.example', password: 'secret123' });
      assert.equal(res.status, 401);
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'op@shop.example' });
      assert.equal(res.status, 400);

      // users-permissions' own login is switched off (security.test.mjs): no user JWT to be had,
      // passwords are checked only through the token-only route above.
      res = await client(cms.baseUrl, null)('POST', '/api/auth/local', { identifier: 'op@shop.example', password: 'secret123' });
      assert.equal(res.status, 405);

      res = await api('PUT', `/api/callpy/users/${user.id}`, { password: 'brand-new-pass', lastName: 'Petrov', panelLocale: 'en' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.lastName, 'Petrov');
      assert.equal(res.body.panelLocale, 'en');
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'op@shop.example', password: 'secret123' });
      assert.equal(res.status, 401, 'old password no longer works');
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'op@shop.example', password: 'brand-new-pass' });
      assert.equal(res.status, 200);

      res = await api('PUT', `/api/callpy/users/${user.id}`, { blocked: true, role: 'account-admin' });
      assert.equal(res.status, 200);
      assert.equal(res.body.blocked, true);
      assert.equal(res.body.role, 'account-admin');
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'op@shop.example', password: 'brand-new-pass' });
      assert.equal(res.status, 200, 'blocked users still verify: the core decides');
      assert.equal(res.body.user.blocked, true);

      res = await api('PUT', `/api/callpy/users/${user.id}`, {});
      assert.equal(res.status, 400);
      res = await api('PUT', `/api/callpy/users/${user.id}`, { role: 'god' });
      assert.equal(res.status, 400);
      res = await api('PUT', `/api/callpy/users/${user.id}`, { account: state.account });
      assert.equal(res.status, 400, 'unknown key');
      res = await api('PUT', '/api/callpy/users/abc', { blocked: false });
      assert.equal(res.status, 400);
      res = await api('PUT', '/api/callpy/users/999999', { blocked: false });
      assert.equal(res.status, 404);

      res = await api('POST', '/api/callpy/users', { ...base, email: 'second@shop.example', role: 'account-admin', confirmed: false });
      assert.equal(res.status, 201);
      assert.equal(res.body.confirmed, false);
      state.second = res.body;
      res = await api('PUT', `/api/callpy/users/${state.second.id}`, { email: 'OP@shop.example' });
      assert.equal(res.status, 409, 'e-mail change to a taken one');

      res = await api('POST', '/api/callpy/users', { ...base, email: 'temp@shop.example' });
      state.temp = res.body;
      res = await api('DELETE', `/api/callpy/users/${state.temp.id}`);
      assert.equal(res.status, 200);
      res = await api('POST', '/api/callpy/users/verify-password', { email: 'temp@shop.example', password: 'secret123' });
      assert.equal(res.status, 401);
    });

    test('departments: an account\'s group of users (a relation to users-permissions)', async () => {
      let res = await api('POST', '/api/callpy/departments', {
        data: { name: 'Sales', account: state.account, members: [state.user.documentId, state.second.documentId] },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      state.department = res.body.data.documentId;
      res = await api('PUT', `/api/callpy/departments/${state.department}`, { data: { members: [state.user.documentId] } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      res = await api('POST', '/api/callpy/departments', { data: { account: state.account } });
      assert.equal(res.status, 400, 'name is required');
      res = await api('POST', '/api/callpy/departments', { data: { name: 'x'.repeat(101) } });
      assert.equal(res.status, 400, 'name is at most 100 characters');
    });

    test('avatar: an image of the media library, uploaded with the core\'s token', async () => {
      // A 1×1 PNG: the full-access token may use the upload plugin's content API.
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
      const upload = async (bytes, name, type) => {
        const form = new FormData();
        form.append('files', new Blob([bytes], { type }), name);
        const res = await fetch(`${cms.baseUrl}/api/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
        return { status: res.status, body: await res.json() };
      };
      let res = await upload(png, 'avatar.png', 'image/png');
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const image = res.body[0];
      assert.equal(image.mime, 'image/png');
      const text = (await upload(Buffer.from('hello'), 'notes.txt', 'text/plain')).body[0];

      res = await api('PUT', `/api/callpy/users/${state.user.id}`, { avatar: image.id });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.avatar, { id: image.id, documentId: image.documentId, url: image.url, mime: 'image/png' });
      const served = await fetch(`${cms.baseUrl}${image.url}`);
      assert.equal(served.status, 200);
      // Strapi may re-encode images (size optimisation): still a PNG.
      assert.deepEqual(Buffer.from(await served.arrayBuffer()).subarray(0, 8), png.subarray(0, 8));

      for (const [bad, message] of [[text.id, /not an image/], [99_999_999, /does not exist/], ['1', /avatar/], [0, /avatar/]]) {
        res = await api('PUT', `/api/callpy/users/${state.user.id}`, { avatar: bad });
        assert.equal(res.status, 400, `${bad} -> ${res.status}`);
        assert.match(res.body.error.message, message);
      }
      res = await api('PUT', `/api/callpy/users/${state.second.id}`, { avatar: image.id });
      res = await api('PUT', `/api/callpy/users/${state.second.id}`, { avatar: null });
      assert.equal(res.status, 200);
      assert.equal(res.body.avatar, null);
      res = await api('GET', '/api/callpy/snapshot');
      assert.equal(res.body.users.find((u) => u.id === state.user.id).avatar.documentId, image.documentId, 'the snapshot carries it');
    });

    test('snapshot: plain arrays, relations as documentIds, no secrets', async () => {
      const res = await api('GET', '/api/callpy/snapshot');
      assert.equal(res.status, 200);
      const snap = res.body;
      // One key per content type of the (scratch copy of the) repo, plus users.
      const keys = [...snapshotKeysOf(env.CALLPY_REPO_ROOT), 'users'].sort();
      assert.deepEqual(Object.keys(snap).sort(), keys);
      for (const key of ['accounts', 'demoNotes', 'departments', 'pluginEnablements', 'sites']) assert.ok(keys.includes(key), key);
      const account = snap.accounts.find((a) => a.documentId === state.account);
      assert.equal(account.name, 'Shop Ltd');
      assert.equal(typeof account.id, 'number');
      assert.equal(account.sites.length, 2);
      assert.ok(!('locale' in account) && !('publishedAt' in account) && !('createdBy' in account));
      const site = snap.sites.find((s) => s.documentId === state.site);
      assert.equal(site.account, state.account);
      assert.deepEqual(site.origins, ['https://shop.example']);
      assert.equal(site.publicKey, `pk_${engine}_1`);
      const en = snap.pluginEnablements.find((p) => p.documentId === state.enablement);
      assert.equal(en.account, state.account);
      assert.equal(en.enabled, false);
      assert.equal(en.site, null);
      assert.equal(snap.demoNotes[0].site, state.site);
      const department = snap.departments.find((d) => d.documentId === state.department);
      assert.equal(department.account, state.account);
      assert.deepEqual(department.members, [state.user.documentId], 'members are users\' documentIds, as last set');
      assert.equal(snap.users.length, 2);
      for (const u of snap.users) {
        assert.deepEqual(Object.keys(u).sort(), USER_KEYS);
        assert.equal(u.account, state.account);
      }
      const raw = JSON.stringify(snap);
      for (const k of SECRET_KEYS) assert.ok(!raw.includes(`"${k}"`), k);
      assert.ok(!raw.includes('$2a$') && !raw.includes('$2b$'), 'no bcrypt hash anywhere');
    });

    test('webhooks reach the core with the secret header, for content and users', async () => {
      const isFrom = (event, uid) => (r) => r.body?.event === event && r.body?.uid === uid;
      const checks = [
        ['entry.create', 'plugin::callpy.account'],
        ['entry.update', 'plugin::callpy.account'],
        ['entry.create', 'plugin::callpy.site'],
        ['entry.delete', 'plugin::callpy.plugin-enablement'],
        ['entry.create', USER_UID],
        ['entry.update', USER_UID],
        ['entry.delete', USER_UID],
      ];
      for (const [event, uid] of checks) {
        const hit = await hook.waitFor(isFrom(event, uid));
        assert.equal(hit.headers['x-callpy-webhook-secret'], webhookSecret, `${event} ${uid}`);
        assert.equal(hit.headers['x-strapi-event'], event);
      }
      const userHit = await hook.waitFor(isFrom('entry.update', USER_UID));
      assert.equal(userHit.body.model, 'user');
      const raw = JSON.stringify(hook.received.map((r) => r.body));
      assert.ok(!raw.includes('$2a$') && !raw.includes('"password"'), 'no password in webhook payloads');
    });

    test('the CMS refuses a site the core cannot serve, with a clear message', async () => {
      const site = { name: 'Broken', url: 'https://broken.example', origins: ['https://broken.example'], account: state.account };
      for (const [data, field] of [
        [{ ...site, publicKey: `pk_${engine}_b1`, origins: undefined }, 'origins'],
        [{ ...site, publicKey: `pk_${engine}_b2`, origins: [] }, 'origins'],
        [{ ...site, publicKey: `pk_${engine}_b3`, origins: ['https://broken.example/path'] }, 'origins'],
        [{ ...site, publicKey: `pk_${engine}_b4`, url: '' }, 'url'],
        [{ ...site, publicKey: `pk_${engine}_b5`, url: 'not a url' }, 'url'],
      ]) {
        const res = await api('POST', '/api/callpy/sites', { data });
        assert.equal(res.status, 400, `${JSON.stringify(data)} -> ${res.status}`);
        assert.match(res.body.error.message, new RegExp(`${field}: a site needs`));
      }
      let res = await api('PUT', `/api/callpy/sites/${state.site}`, { data: { origins: [] } });
      assert.equal(res.status, 400, 'an update emptying the origins');
      res = await api('PUT', `/api/callpy/sites/${state.site}`, { data: { name: 'Main' } });
      assert.equal(res.status, 200, 'an update leaving address and origins alone');
      res = await api('GET', `/api/callpy/sites/${state.site}`);
      assert.deepEqual(res.body.data.origins, ['https://shop.example'], 'the refused update changed nothing');
    });

    test('the CMS refuses a plugin enablement of no installed plugin', async () => {
      let res = await api('POST', '/api/callpy/plugin-enablements', { data: { account: state.account, pluginId: 'chta', enabled: true } });
      assert.equal(res.status, 400);
      assert.match(res.body.error.message, /«chta» is no installed plugin; installed: chat, demo/);
      res = await api('POST', '/api/callpy/plugin-enablements', { data: { account: state.account, enabled: true } });
      assert.equal(res.status, 400, 'no plugin id at all');
      res = await api('PUT', `/api/callpy/plugin-enablements/${state.enablement}`, { data: { pluginId: 'nope' } });
      assert.equal(res.status, 400);
      res = await api('PUT', `/api/callpy/plugin-enablements/${state.enablement}`, { data: { enabled: true } });
      assert.equal(res.status, 200, 'switching a known one');
    });

    test('agencies: a default one owns accounts made without one; staff belong to an agency', async () => {
      let res = await api('GET', '/api/callpy/agencies?sort=id:asc');
      assert.equal(res.status, 200);
      const [defaultAgency] = res.body.data;
      assert.ok(defaultAgency, 'seeded at start');
      res = await api('GET', `/api/callpy/accounts/${state.account}?populate=agency`);
      assert.equal(res.body.data.agency.documentId, defaultAgency.documentId, 'an account made without an agency');
      res = await api('POST', '/api/callpy/agencies', { data: { name: 'Other agency' } });
      const other = res.body.data.documentId;
      res = await api('POST', '/api/callpy/accounts', { data: { name: 'Their client', agency: other } });
      res = await api('GET', `/api/callpy/accounts/${res.body.data.documentId}?populate=agency`);
      assert.equal(res.body.data.agency.documentId, other, 'an agency given is kept');

      const staff = { email: `staff-${engine}@agency.example`, password: 'secret123', role: 'agency-staff' };
      res = await api('POST', '/api/callpy/users', { ...staff, agency: other });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body).sort(), USER_KEYS);
      assert.equal(res.body.role, 'agency-staff');
      assert.equal(res.body.agency, other);
      assert.equal(res.body.account, null);
      for (const bad of [
        { ...staff, email: 'a1@agency.example' },
        { ...staff, email: 'a2@agency.example', agency: other, account: state.account },
        { ...staff, email: 'a3@agency.example', agency: 'no-such-agency' },
        { email: 'a4@agency.example', password: 'secret123', role: 'operator', account: state.account, agency: other },
      ]) {
        res = await api('POST', '/api/callpy/users', bad);
        assert.equal(res.status, 400, `${JSON.stringify(bad)} -> ${res.status}`);
      }
    });

    if (engine === 'sqlite') {
      test('restart: bootstrap is idempotent, data kept, API token rotated', async () => {
        await cms.stop();
        const newToken = secret(32);
        cms = await startCms({ ...env, CMS_API_TOKEN: newToken });
        assert.equal((await client(cms.baseUrl, token)('GET', '/api/callpy/accounts')).status, 401, 'old token revoked');
        api = client(cms.baseUrl, newToken);
        let res = await api('GET', '/api/callpy/snapshot');
        assert.equal(res.status, 200);
        assert.ok(res.body.accounts.some((a) => a.documentId === state.account), 'data survived');
        res = await api('GET', '/api/users-permissions/roles');
        assert.equal(res.body.roles.filter((r) => r.type === 'operator').length, 1, 'roles not duplicated');
        res = await api('GET', '/api/callpy/agencies?filters[name][$eq]=Agency');
        assert.equal(res.body.data.length, 1, 'the default agency not duplicated');

        const before = hook.received.length;
        res = await api('PUT', `/api/callpy/accounts/${state.account}`, { data: { name: 'After restart' } });
        assert.equal(res.status, 200);
        await hook.waitFor((r) => r.body?.entry?.name === 'After restart');
        await new Promise((r) => setTimeout(r, 300));
        const deliveries = hook.received.slice(before).filter((r) => r.body?.entry?.name === 'After restart');
        assert.equal(deliveries.length, 1, 'exactly one webhook, not one per start');
      });
    }
  });
}
