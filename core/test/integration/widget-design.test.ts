import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectChat, type TestSocket } from '../../../plugins/chat/test/chat-client.js';
import { DEFAULT_DESIGN, type WidgetDesign } from '../../../widget/src/design.js';
import { cmsClient, seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

/** B3–B8 on the server: the design page's REST API, the logo rules, tenancy, the live push, the preview page. */

interface DesignResponse {
  design: WidgetDesign;
  warnings: { text: string; background: string; ratio: number }[];
  updatedAt: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A real PNG of the given size (8-bit RGB, a diagonal gradient), made here so no fixture file is needed. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x % 256, y % 256, (x + y) % 256], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let core: TestCore;
let acc: SeededAccount;
let other: SeededAccount;
let adminToken: string;
let otherAdminToken: string;
let operatorToken: string;
let site: { id: string; publicKey: string };
let secondSite: { id: string; publicKey: string };
const SITE = 'https://design-shop.example';
const SECOND = 'https://second-shop.example';
const sockets: TestSocket[] = [];

const design = (id = site.id, token = adminToken) => core.api.call<DesignResponse & ErrorBody>('GET', `/api/sites/${id}/design`, { token });
const save = (body: unknown, id = site.id, token = adminToken) => core.api.call<DesignResponse & ErrorBody>('PUT', `/api/sites/${id}/design`, { token, body });
const editable = (d: WidgetDesign) => ({ style: d.style, position: d.position, colors: d.colors, captions: d.captions, logo: d.logo });

async function uploadLogo(bytes: Buffer, name: string, id = site.id, token = adminToken): Promise<{ status: number; body: DesignResponse & ErrorBody }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: name.endsWith('.png') ? 'image/png' : 'application/octet-stream' }), name);
  const res = await fetch(`${core.url}/api/sites/${id}/design/logo`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as DesignResponse & ErrorBody };
}

async function visitorSocket(siteKey: string, origin: string): Promise<TestSocket> {
  const session = await core.api.call<{ visitorToken: string; design: WidgetDesign }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin } });
  const socket = await connectChat(core.url, session.body.visitorToken, origin);
  sockets.push(socket);
  return socket;
}

/** A site's pages on loopback (allowed by PREVIEW_ALLOWED_HOSTS) and an inner service no preview may reach. */
let pages: http.Server;
let pagesOrigin: string;
let inner: http.Server;
let innerOrigin: string;
let innerHits = 0;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  inner = http.createServer((_req, res) => {
    innerHits++;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Inner secrets</h1>');
  });
  innerOrigin = await listen(inner);
  pages = http.createServer((req, res) => {
    if (req.url === '/away') return void res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
    if (req.url === '/to-inner') return void res.writeHead(302, { location: `${innerOrigin}/` }).end();
    if (req.url === '/broken') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Oops</h1>');
    if (req.url === '/file.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">' +
        '<link rel="stylesheet" href="/site.css"><script>window.stolen = localStorage</script></head>' +
        '<body onload="alert(1)"><h1>Kettles</h1><a href="javascript:alert(2)">x</a><iframe src="https://evil.example"></iframe>' +
        '<script src="/app.js"></script><img src="/k.png" onerror="alert(3)"></body></html>',
    );
  });
  pagesOrigin = await listen(pages);
  core = await startTestCore({ plugins: { chat: {} }, previewAllowedHosts: [new URL(pagesOrigin).host] });
  acc = await seedAccount(core, 'Design');
  other = await seedAccount(core, 'Other design');
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  otherAdminToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  site = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Design shop', url: SITE } })).body;
  secondSite = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Second shop', url: SECOND } })).body;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await core?.stop();
  await Promise.all([pages, inner].map((server) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))));
});

describe('widget design (B3–B8)', () => {
  it('is the default until saved, also in the widget session', async () => {
    const res = await design();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ design: DEFAULT_DESIGN, warnings: [], updatedAt: null });
    const session = await core.api.call<{ design: WidgetDesign }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: SITE } });
    expect(session.body.design).toEqual(DEFAULT_DESIGN);
  });

  it('saves a design and reads it back (colours lower-cased, captions trimmed), with contrast warnings', async () => {
    const wanted = {
      ...editable(DEFAULT_DESIGN),
      style: 'branded',
      position: { x: 0.1, y: 0.5 },
      colors: { ...DEFAULT_DESIGN.colors, shell: '#0F766E', launcher: '#F59E0B', launcherText: '#FFFFFF' },
      captions: { ru: { ...DEFAULT_DESIGN.captions.ru, chatTitle: '  Магазин «Чайник»  ', greeting: 'Здравствуйте!' }, en: { ...DEFAULT_DESIGN.captions.en, chatTitle: 'Kettle shop' } },
    };
    const res = await save(wanted);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.design.style).toBe('branded');
    expect(res.body.design.position).toEqual({ x: 0.1, y: 0.5 });
    expect(res.body.design.colors.shell).toBe('#0f766e');
    expect(res.body.design.captions.ru.chatTitle).toBe('Магазин «Чайник»');
    // White on amber is below AA: a warning, not a refusal.
    expect(res.body.warnings).toEqual([{ text: 'launcherText', background: 'launcher', ratio: expect.closeTo(2.15, 1) as unknown as number }]);
    expect(res.body.updatedAt).toEqual(expect.any(String));
    const read = await design();
    expect(read.body.design).toEqual(res.body.design);
    const session = await core.api.call<{ design: WidgetDesign }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: SITE } });
    expect(session.body.design).toEqual(res.body.design);
    // What the CMS holds is what was saved (another core process would read it from there).
    await core.content.refresh();
    expect((await design()).body.design).toEqual(res.body.design);
  });

  it('refuses bad input with a message per field and changes nothing', async () => {
    const before = (await design()).body;
    const base = editable(before.design);
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, colors: { ...base.colors, shell: '#GGG' } }, 'colors.shell', /^#GGG is not a colour: use #RRGGBB$/],
      [{ ...base, colors: { ...base.colors, incomingText: 'red' } }, 'colors.incomingText', /red is not a colour/],
      [{ ...base, captions: { ...base.captions, ru: { ...base.captions.ru, greeting: 'я'.repeat(301) } } }, 'captions.ru.greeting', /At most 300 characters/],
      [{ ...base, captions: { ...base.captions, en: { ...base.captions.en, chatTitle: 'x'.repeat(61) } } }, 'captions.en.chatTitle', /At most 60 characters/],
      [{ ...base, style: 'fancy' }, 'style', /Standard, Branded or Side/],
      [{ ...base, position: { x: 1.5, y: 0 } }, 'position.x', /At most 1/],
      [{ ...base, logo: { scale: 5 } }, 'logo.scale', /At most 2/],
      [{ ...base, extra: true }, '(body)', /extra/],
    ];
    for (const [body, field, message] of cases) {
      const res = await save(body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.fields?.[field], `${field}: ${JSON.stringify(res.body.error)}`).toMatch(message);
    }
    expect((await design()).body).toEqual(before);
  });

  it('takes a PNG logo of at least 125×125, serves it, replaces and deletes it', async () => {
    const bytes = png(200, 160);
    const res = await uploadLogo(bytes, 'logo.png');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const logo = res.body.design.logo!;
    expect(logo.scale).toBe(1);
    expect(logo.url).toMatch(new RegExp(`^http://panel\\.test/api/widget/logo/${site.id}/[\\w-]+$`));
    const served = await fetch(`${core.url}${new URL(logo.url).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    // Strapi may re-compress an image it stores; it stays this PNG, at this size.
    expect(imageSize(new Uint8Array(await served.arrayBuffer()))).toMatchObject({ type: 'png', width: 200, height: 160 });

    // The scale is saved with the rest; the file stays.
    const scaled = await save({ ...editable(res.body.design), logo: { scale: 1.5, url: logo.url } });
    expect(scaled.body.design.logo).toEqual({ url: logo.url, scale: 1.5 });

    const replaced = await uploadLogo(png(130, 130), 'new-logo.png');
    expect(replaced.status).toBe(200);
    expect(replaced.body.design.logo!.url).not.toBe(logo.url);
    expect(replaced.body.design.logo!.scale).toBe(1.5);
    // The old address is not served any more, and its file left the media library.
    expect((await fetch(`${core.url}${new URL(logo.url).pathname}`)).status).toBe(404);
    const mediaFiles = async (logoUrl: string) => {
      const res = await fetch(`${inject('cmsUrl')}/api/upload/files?filters[documentId][$eq]=${logoUrl.split('/').pop()}`, { headers: { authorization: `Bearer ${core.config.cms.apiToken}` } });
      return ((await res.json()) as unknown[]).length;
    };
    expect(await mediaFiles(logo.url)).toBe(0);
    expect(await mediaFiles(replaced.body.design.logo!.url)).toBe(1);

    const removed = await core.api.call<DesignResponse>('DELETE', `/api/sites/${site.id}/design/logo`, { token: adminToken });
    expect(removed.status).toBe(200);
    expect(removed.body.design.logo).toBeNull();
    expect((await design()).body.design.logo).toBeNull();
  });

  it('refuses a 6 MB logo, a PDF named .png and a 100×100 PNG, with clear messages, and changes nothing', async () => {
    const before = (await design()).body;
    const big = Buffer.concat([png(200, 200), Buffer.alloc(6 * 1024 * 1024)]);
    const tooBig = await uploadLogo(big, 'huge.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'logo_too_large', message: expect.stringMatching(/at most 2 MB/) as unknown as string });
    const pdf = await uploadLogo(PDF, 'logo.png');
    expect(pdf.status).toBe(400);
    expect(pdf.body.error).toEqual({ code: 'logo_type', message: 'The logo must be a JPG or PNG image; this file is PDF' });
    const small = await uploadLogo(png(100, 100), 'small.png');
    expect(small.status).toBe(400);
    expect(small.body.error).toEqual({ code: 'logo_too_small', message: 'The logo is 100×100 px; it must be at least 125×125 px' });
    const none = await fetch(`${core.url}/api/sites/${site.id}/design/logo`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    expect(none.status).toBe(400);
    expect((await design()).body).toEqual(before);
  });

  it('is for the account admin of the site: another account gets 404, an operator 403', async () => {
    const before = (await design()).body;
    expect((await design(site.id, otherAdminToken)).status).toBe(404);
    expect((await save(editable(DEFAULT_DESIGN), site.id, otherAdminToken)).status).toBe(404);
    expect((await uploadLogo(png(200, 200), 'logo.png', site.id, otherAdminToken)).status).toBe(404);
    expect((await core.api.call('DELETE', `/api/sites/${site.id}/design/logo`, { token: otherAdminToken })).status).toBe(404);
    expect((await core.api.call('POST', `/api/sites/${site.id}/design/preview-page`, { token: otherAdminToken, body: { url: SITE } })).status).toBe(404);
    expect((await design('no-such-site')).status).toBe(404);
    expect((await design(site.id, operatorToken)).status).toBe(403);
    expect((await save(editable(DEFAULT_DESIGN), site.id, operatorToken)).status).toBe(403);
    expect((await uploadLogo(png(200, 200), 'logo.png', site.id, operatorToken)).status).toBe(403);
    expect((await core.api.call('GET', `/api/sites/${site.id}/design`)).status).toBe(401);
    expect((await design()).body).toEqual(before);
  });

  it('pushes a saved design to the open widgets of that site only, without a reload', async () => {
    const mine = await visitorSocket(site.publicKey, SITE);
    const theirs = await visitorSocket(secondSite.publicKey, SECOND);
    const base = editable((await design()).body.design);
    const pushed = mine.next<WidgetDesign>('design.updated', (d) => d.colors.shell === '#7c3aed');
    const saved = await save({ ...base, style: 'side', colors: { ...base.colors, shell: '#7C3AED' } });
    expect(saved.status).toBe(200);
    expect(await pushed).toEqual(saved.body.design);
    // The CMS webhook and re-syncs that follow do not send it again; the other site hears nothing.
    await core.content.refresh();
    await Promise.all([mine.settled(), theirs.settled()]);
    expect(mine.received.get('design.updated')).toHaveLength(1);
    expect(theirs.received.get('design.updated')).toBeUndefined();
  });
});

describe('preview page and preview over the client\'s site', () => {
  let localSite: { id: string };

  beforeAll(async () => {
    localSite = (await core.api.call<{ id: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Local demo', url: pagesOrigin } })).body;
    // The local site's addresses also name an inner service, as an attacker would add them in the CMS.
    await cmsClient().sites.update(localSite.id, { origins: [pagesOrigin, innerOrigin] });
    await core.content.refresh();
  });

  /** Asks for a preview; `cookie` is the viewer cookie it set (as the panel's browser keeps it). */
  const previewPage = async (url: string, id = localSite.id, token = adminToken) => {
    const res = await core.api.call<{ src: string } & ErrorBody>('POST', `/api/sites/${id}/design/preview-page`, { token, body: { url } });
    return { ...res, cookie: res.headers.get('set-cookie')?.split(';')[0] };
  };
  const openPreview = async (src: string, cookie?: string) => (await fetch(`${core.url}${src}`, { headers: cookie ? { cookie } : {} })).text();
  const unreachable = { status: 502, body: { error: { code: 'preview_unreachable', message: 'The page could not be loaded: check that it opens in a browser from the internet' } } };

  it('serves the sample preview page with only the core\'s preview script allowed to run', async () => {
    const res = await fetch(`${core.url}/widget/preview`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' http://panel.test");
    expect(csp).toContain("frame-ancestors 'self'");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="http://panel.test/widget/preview.js" data-panel-origin="http://panel.test"></script>');
  });

  it('shows a page of an allowed local host (PREVIEW_ALLOWED_HOSTS) with its scripts and handlers removed', async () => {
    const issued = await previewPage(`${pagesOrigin}/catalog?x=1#top`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.src).toMatch(/^\/widget\/preview\?page=[\w.-]+$/);
    expect(issued.headers.get('set-cookie')).toMatch(/^callpy_preview_viewer=[\w.-]+;.*Path=\/widget\/preview;.*HttpOnly;.*SameSite=Strict/);
    const html = await openPreview(issued.body.src, issued.cookie);
    expect(html).toContain(`<head><base href="${pagesOrigin}/catalog?x=1">`);
    expect(html).toContain('<h1>Kettles</h1>');
    expect(html).toContain('<link rel="stylesheet" href="/site.css">');
    for (const gone of ['stolen', '/app.js', 'onload', 'onerror', 'javascript:', 'evil.example', '<iframe', 'http-equiv']) expect(html, gone).not.toContain(gone);
    expect(html).toContain('src="http://panel.test/widget/preview.js"');
    // A forged or foreign token shows the sample page with the reason.
    const forged = await openPreview('/widget/preview?page=abc.def.ghi', issued.cookie);
    expect(forged).toContain('data-error="This preview address has expired');
  });

  it('shows the page only to the admin who asked for it: the address alone, or with another admin\'s cookie, shows nothing of it', async () => {
    const mine = await previewPage(`${pagesOrigin}/catalog`);
    const secondAdmin = await seedUser(core, acc.accountId, { firstName: 'Alla', lastName: 'Admin', role: 'account-admin' });
    const otherToken = (await core.api.login(secondAdmin.email, secondAdmin.password)).accessToken;
    const foreign = await previewPage(`${pagesOrigin}/`, localSite.id, otherToken);
    expect(foreign.status).toBe(200);
    for (const cookie of [undefined, foreign.cookie, 'callpy_preview_viewer=abc.def.ghi']) {
      const html = await openPreview(mine.body.src, cookie);
      expect(html, String(cookie)).not.toContain('Kettles');
      expect(html, String(cookie)).toContain('data-error="This preview opens only in the panel it was made in');
    }
    expect(await openPreview(mine.body.src, mine.cookie)).toContain('<h1>Kettles</h1>');
  });

  it('refuses foreign pages, redirects away and non-HTML', async () => {
    const foreign = await previewPage('https://elsewhere.example/');
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('preview_foreign_url');
    expect((await previewPage('file:///etc/passwd')).body.error.code).toBe('preview_foreign_url');
    expect((await previewPage(`${pagesOrigin}/away`)).body.error.code).toBe('preview_foreign_url');
    expect((await previewPage(`${pagesOrigin}/file.pdf`)).body.error.code).toBe('preview_not_html');
    expect((await previewPage('')).status).toBe(400);
  });

  it('reaches no loopback, private or link-local address not allowed, also through a redirect, and every failure reads the same', async () => {
    // A public site whose addresses (edited by hand in the CMS) include inner ones.
    const pagesPort = new URL(pagesOrigin).port;
    const inner = [`http://localhost:${pagesPort}`, innerOrigin, 'http://169.254.169.254', 'http://10.1.2.3:8080', 'http://[::1]:1337', 'http://0.0.0.0:1337'];
    await cmsClient().sites.update(site.id, { origins: [SITE, ...inner] });
    await core.content.refresh();
    for (const origin of inner) expect(await previewPage(`${origin}/latest/meta-data/`, site.id), origin).toMatchObject(unreachable);
    // The allowed host redirecting to the inner service (an address of the same site), a 500, a closed port: the same answer.
    expect(await previewPage(`${pagesOrigin}/to-inner`)).toMatchObject(unreachable);
    expect(await previewPage(`${pagesOrigin}/broken`)).toMatchObject(unreachable);
    expect(await previewPage(`${innerOrigin}/`)).toMatchObject(unreachable);
    expect(innerHits).toBe(0);
    await cmsClient().sites.update(site.id, { origins: [SITE, 'https://www.design-shop.example'] });
    await core.content.refresh();
  });
});
