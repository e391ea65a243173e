import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';
import { postChunkedFile } from '../support/multipart.js';

interface Profile {
  id: number;
  firstName: string;
  lastName: string;
  phone: string;
  locale: string;
  avatarUrl: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

// Fixtures are made here: a 1×1 PNG, a minimal PDF, a 1×1 GIF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const MB = 1024 * 1024;

let core: TestCore;
let acc: SeededAccount;
let token: string;
let operatorToken: string;

beforeAll(async () => {
  core = await startTestCore();
  acc = await seedAccount(core);
  token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
});
afterAll(() => core?.stop());

const patch = (body: unknown, as = token) => core.api.call<Profile & ErrorBody>('PATCH', '/api/me/profile', { token: as, body });

async function uploadAvatar(bytes: Buffer, name: string, as = token): Promise<{ status: number; body: Profile & ErrorBody }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  const res = await fetch(`${core.url}/api/me/avatar`, { method: 'POST', headers: { authorization: `Bearer ${as}` }, body: form });
  return { status: res.status, body: (await res.json()) as Profile & ErrorBody };
}

/** The test core's PUBLIC_URL is not reachable: the same path on the core itself. */
const fetchServed = (avatarUrl: string) => fetch(`${core.url}${new URL(avatarUrl).pathname}`);

/** Files in Strapi's media library now: an upload refused by the core must add none. */
async function mediaFileCount(): Promise<number> {
  const res = await fetch(`${inject('cmsUrl')}/api/upload/files`, { headers: { authorization: `Bearer ${inject('secrets').CMS_API_TOKEN}` } });
  return ((await res.json()) as unknown[]).length;
}

describe('profile (A4)', () => {
  it('reads and changes first name, surname and phone; the change is stored in the CMS', async () => {
    const read = await core.api.call<Profile>('GET', '/api/me/profile', { token });
    expect(read.body).toMatchObject({ id: acc.admin.id, firstName: 'Anna', lastName: 'Admin', phone: '', avatarUrl: null });

    const res = await patch({ firstName: '  Анна ', lastName: 'Смирнова', phone: '+7 (914) 123-45-67' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Анна', lastName: 'Смирнова', phone: '+7 (914) 123-45-67' });
    await core.content.refresh();
    expect((await core.api.call<Profile>('GET', '/api/me', { token })).body).toMatchObject({ firstName: 'Анна', phone: '+7 (914) 123-45-67' });
    // Clearing the phone and the surname is allowed.
    expect((await patch({ phone: '', lastName: '' })).body).toMatchObject({ phone: '', lastName: '' });
  });

  it('refuses bad input with a message per field and changes nothing', async () => {
    const bad: [unknown, string, string][] = [
      [{ firstName: '   ' }, 'firstName', 'Enter your first name'],
      [{ firstName: 'x'.repeat(101) }, 'firstName', 'At most 100 characters'],
      [{ lastName: 'x'.repeat(101) }, 'lastName', 'At most 100 characters'],
      [{ phone: 'call me' }, 'phone', 'Digits, spaces, +, ( ) and - only'],
      [{ phone: '12-34' }, 'phone', 'A phone number has 5 to 15 digits'],
      [{ phone: '+1 234 567 890 123 456' }, 'phone', 'A phone number has 5 to 15 digits'],
      [{ firstName: 42 }, 'firstName', 'Enter your first name'],
      [{ locale: 'de' }, 'locale', 'The panel language is ru or en'],
      [{ email: 'new@example.test' }, '(body)', 'Unrecognized key: "email"'],
    ];
    for (const [body, field, message] of bad) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields?.[field], JSON.stringify(body)).toBe(message);
      expect(res.body.error.message).toContain(message);
    }
    expect((await core.api.call('PATCH', '/api/me/profile', { body: { firstName: 'Eve' } })).status).toBe(401);
    expect((await core.api.call<Profile>('GET', '/api/me/profile', { token })).body).toMatchObject({ firstName: 'Анна', lastName: '' });
  });
});

describe('avatar (A4)', () => {
  let first: Profile;

  it('accepts a PNG, stores it in the media library and serves it through the core, cacheable', async () => {
    const before = await mediaFileCount();
    const res = await uploadAvatar(PNG, 'me.png');
    expect(res.status).toBe(200);
    first = res.body;
    expect(first.avatarUrl).toMatch(new RegExp(`^http://panel\\.test/api/public/avatars/${acc.admin.id}/[a-z0-9]+$`));
    expect(await mediaFileCount()).toBe(before + 1);

    const served = await fetchServed(first.avatarUrl!);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    // The media library may re-encode it (size optimisation, metadata such as GPS stripped): still a PNG.
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 8).equals(PNG.subarray(0, 8))).toBe(true);
    // Anyone may fetch it (visitors' widgets carry no token); the session view names it too.
    expect((await core.api.call<Profile>('GET', '/api/me', { token })).body.avatarUrl).toBe(first.avatarUrl);
    await core.content.refresh();
    expect((await core.api.call<Profile>('GET', '/api/me/profile', { token })).body.avatarUrl).toBe(first.avatarUrl);
  });

  it('refuses a 6 MB file with 413 — announced or streamed — and stores nothing', async () => {
    const before = await mediaFileCount();
    const big = Buffer.concat([PNG, Buffer.alloc(6 * MB - PNG.length, 1)]);
    const announced = await uploadAvatar(big, 'big.png');
    expect(announced.status).toBe(413);
    expect(announced.body.error).toMatchObject({ code: 'file_too_large', message: 'An avatar may be at most 5 MB' });

    // Without a Content-Length (chunked), the limit cuts the stream off as it arrives.
    const streamed = await postChunkedFile(`${core.url}/api/me/avatar`, { authorization: `Bearer ${token}` }, 'big.png', big);
    expect(streamed.status).toBe(413);
    expect(await mediaFileCount()).toBe(before);
    expect((await core.api.call<Profile>('GET', '/api/me/profile', { token })).body.avatarUrl).toBe(first.avatarUrl);
  });

  it('refuses what is not a JPG, PNG, BMP or GIF by its bytes, whatever its name', async () => {
    const before = await mediaFileCount();
    const pdf = await uploadAvatar(PDF, 'photo.png');
    expect(pdf.status).toBe(400);
    expect(pdf.body.error).toEqual({ code: 'unsupported_type', message: 'An avatar must be a JPG, PNG, BMP or GIF image; this file is a PDF file' });
    const text = await uploadAvatar(Buffer.from('just some text'), 'me.gif');
    expect(text.body.error.message).toBe('An avatar must be a JPG, PNG, BMP or GIF image; this file is not an image');
    const empty = await core.api.call<ErrorBody>('POST', '/api/me/avatar', { token, body: { file: 'x' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('file_missing');
    expect((await fetch(`${core.url}/api/me/avatar`, { method: 'POST', body: new FormData() })).status).toBe(401);
    expect(await mediaFileCount()).toBe(before);
  });

  it('replacing it gives a new address and removes the old file; delete removes it', async () => {
    const before = await mediaFileCount();
    const replaced = await uploadAvatar(GIF, 'анимация.gif');
    expect(replaced.status).toBe(200);
    expect(replaced.body.avatarUrl).not.toBe(first.avatarUrl);
    expect((await fetchServed(replaced.body.avatarUrl!)).headers.get('content-type')).toBe('image/gif');
    expect((await fetchServed(first.avatarUrl!)).status).toBe(404);
    expect(await mediaFileCount()).toBe(before);

    const removed = await core.api.call<Profile>('DELETE', '/api/me/avatar', { token });
    expect(removed.status).toBe(200);
    expect(removed.body.avatarUrl).toBeNull();
    expect((await fetchServed(replaced.body.avatarUrl!)).status).toBe(404);
    expect(await mediaFileCount()).toBe(before - 1);
    // Removing none is fine.
    expect((await core.api.call<Profile>('DELETE', '/api/me/avatar', { token })).status).toBe(200);
  });

  it('serves only a user\'s current avatar: no other file, no made-up address', async () => {
    const mine = (await uploadAvatar(PNG, 'op.png', operatorToken)).body.avatarUrl!;
    const fileId = mine.split('/').at(-1)!;
    expect((await fetch(`${core.url}/api/public/avatars/${acc.admin.id}/${fileId}`)).status).toBe(404);
    expect((await fetch(`${core.url}/api/public/avatars/not-a-user/${fileId}`)).status).toBe(404);
    expect((await fetch(`${core.url}/api/public/avatars/${acc.operator.id}/..%2F..%2Fuploads`)).status).toBe(404);
    expect((await fetchServed(mine)).status).toBe(200);
  });
});
