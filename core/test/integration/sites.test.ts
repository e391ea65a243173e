import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let acc: SeededAccount;
let adminToken: string;

beforeAll(async () => {
  core = await startTestCore();
  acc = await seedAccount(core);
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
});
afterAll(() => core?.stop());

interface Site {
  id: string;
  publicKey: string;
  origins: string[];
  chatLanguage: string;
}

describe('sites and install code (B1)', () => {
  let site: Site;

  it('adds a site from its address and lists it', async () => {
    const res = await core.api.call<Site>('POST', '/api/sites', { token: adminToken, body: { name: 'Shop', url: 'shop.example.com/catalog' } });
    expect(res.status).toBe(201);
    site = res.body;
    expect(site.origins).toEqual(['https://shop.example.com', 'https://www.shop.example.com']);
    expect(site.chatLanguage).toBe('en');
    const list = await core.api.call<Site[]>('GET', '/api/sites', { token: adminToken });
    expect(list.body.map((s) => s.id)).toContain(site.id);
  });

  it('refuses a bad address with a message for the field', async () => {
    const res = await core.api.call<{ error: { fields: Record<string, string> } }>('POST', '/api/sites', { token: adminToken, body: { name: 'X', url: 'javascript:alert(1)' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.url).toMatch(/site address/);
    expect((await core.api.call('POST', '/api/sites', { token: adminToken, body: { name: '', url: 'https://a.example' } })).status).toBe(400);
  });

  it('gives both install variants with the site key and the loader address', async () => {
    const res = await core.api.call<{ afterBody: string; anywhere: string }>('GET', `/api/sites/${site.id}/install-code`, { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.afterBody).toContain(`<script async src="http://panel.test/widget/loader.js" data-callpy-site="${site.publicKey}"></script>`);
    expect(res.body.anywhere).toContain("w.addEventListener('load', load)");
    expect(res.body.anywhere).toContain(`"${site.publicKey}"`);
  });

  it('is for admins only', async () => {
    const op = await core.api.login(acc.operator.email, acc.operator.password);
    expect((await core.api.call('GET', '/api/sites', { token: op.accessToken })).status).toBe(403);
  });

  describe('visitor session for the widget', () => {
    const session = (body: unknown, origin?: string) =>
      core.api.call<{ visitorToken: string; visitorId: string; error?: { code: string } }>('POST', '/api/widget/session', { body, headers: origin ? { origin } : {} });

    it('issues a visitor token only to pages of the site, and keeps the visitor across pages', async () => {
      const first = await session({ siteKey: site.publicKey }, 'https://www.shop.example.com');
      expect(first.status).toBe(200);
      expect(first.headers.get('access-control-allow-origin')).toBe('https://www.shop.example.com');
      const again = await session({ siteKey: site.publicKey, visitorToken: first.body.visitorToken }, 'https://shop.example.com');
      expect(again.body.visitorId).toBe(first.body.visitorId);
      const claims = JSON.parse(Buffer.from(first.body.visitorToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'site', 'sub']);
    });

    it('refuses an unknown site key, a foreign origin, and starts a new visitor for a forged token', async () => {
      expect((await session({ siteKey: 'nope' }, 'https://shop.example.com')).body.error?.code).toBe('unknown_site');
      const foreign = await session({ siteKey: site.publicKey }, 'https://evil.example');
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect((await session({ siteKey: site.publicKey })).status).toBe(403);
      const forged = await session({ siteKey: site.publicKey, visitorToken: 'a.b.c' }, 'https://shop.example.com');
      expect(forged.status).toBe(200);
      expect((await session({ siteKey: 42 }, 'https://shop.example.com')).status).toBe(400);
    });

    it('a visitor token is not a user token', async () => {
      const visitor = await session({ siteKey: site.publicKey }, 'https://shop.example.com');
      expect((await core.api.call('GET', '/api/me', { token: visitor.body.visitorToken })).status).toBe(401);
      expect((await core.api.call('GET', '/api/sites', { token: visitor.body.visitorToken })).status).toBe(401);
    });
  });
});
