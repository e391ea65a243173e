import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-error.js';
import { KernelError } from '../kernel-error.js';
import { LocalFileStore } from './local-file-store.js';

let folder: string;
beforeEach(() => void (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-files-'))));
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Every file under the store's folder, relative: what a refused or deleted put leaves behind. */
const onDisk = () => (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name)));
const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};
const sha256Of = (s: string) => createHash('sha256').update(s).digest('hex');

describe('ctx.files on the local disk', () => {
  it('puts, gets, stats, lists and deletes a Buffer and a stream', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    expect(await files.put('a/one.txt', Buffer.from('первый'), { mime: 'text/plain', name: 'Один.txt' })).toEqual({ key: 'a/one.txt', size: Buffer.byteLength('первый'), sha256: sha256Of('первый') });
    const chunks = ['second ', 'file ', 'streamed'];
    expect(await files.put('a/b/two.bin', Readable.from(chunks.map((c) => Buffer.from(c))), { mime: 'application/octet-stream' })).toEqual({ key: 'a/b/two.bin', size: 20, sha256: sha256Of(chunks.join('')) });
    await files.put('z', Buffer.from('last'), { mime: 'text/plain' });

    const got = await files.get('a/one.txt');
    expect(got).toMatchObject({ key: 'a/one.txt', size: 12, mime: 'text/plain', name: 'Один.txt', sha256: sha256Of('первый') });
    expect(await text(got!.stream)).toBe('первый');
    expect(await files.stat('a/b/two.bin')).toEqual({ key: 'a/b/two.bin', size: 20, mime: 'application/octet-stream', sha256: sha256Of(chunks.join('')), at: expect.any(Number) });
    expect(await files.get('a/none')).toBeNull();
    expect(await files.stat('nothing')).toBeNull();

    expect((await collect(files.list())).map((f) => f.key)).toEqual(['a/b/two.bin', 'a/one.txt', 'z']);
    expect(await collect(files.list('a/o'))).toEqual([{ key: 'a/one.txt', size: 12, at: expect.any(Number) }]);
    expect((await collect(files.list('a/'))).map((f) => f.key)).toEqual(['a/b/two.bin', 'a/one.txt']);
    expect(await collect(files.list('q/'))).toEqual([]);

    expect(await files.delete('a/one.txt')).toBe(true);
    expect(await files.delete('a/one.txt')).toBe(false);
    expect(await files.get('a/one.txt')).toBeNull();
    expect((await collect(files.list())).map((f) => f.key)).toEqual(['a/b/two.bin', 'z']);
    expect(onDisk().filter((f) => f.startsWith('notes/a/one.txt'))).toEqual([]);
  });

  it('lists keys in key order, as S3 does, across folders and names alike', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    for (const key of ['a/b', 'a-c', 'a', 'a.d/e', 'b']) await files.put(key, Buffer.from(key), { mime: 'text/plain' });
    expect((await collect(files.list())).map((f) => f.key)).toEqual(['a', 'a-c', 'a.d/e', 'a/b', 'b']);
    expect((await collect(files.list('a'))).map((f) => f.key)).toEqual(['a', 'a-c', 'a.d/e', 'a/b']);
  });

  it('replaces a file whole and keeps one blob of it; a reader of the old one still reads it', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    await files.put('k', Buffer.from('old'), { mime: 'text/plain' });
    const reading = await files.get('k');
    await files.put('k', Buffer.from('newer'), { mime: 'text/markdown' });
    expect(await text(reading!.stream)).toBe('old');
    const now = await files.get('k');
    expect(now).toMatchObject({ size: 5, mime: 'text/markdown' });
    expect(await text(now!.stream)).toBe('newer');
    expect(onDisk()).toHaveLength(2); // the sidecar and the one blob
  });

  it('refuses keys that could leave the plugin\'s folder or mean two things', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    const put = (key: string) => files.put(key, Buffer.from('x'), { mime: 'text/plain' });
    for (const key of ['../x', 'a/../../x', '/abs', 'a\\b', 'A', 'a//b', 'a/', './a', '', 'x'.repeat(201), 'a~meta.json', 'é']) {
      await expect(put(key), key).rejects.toThrow(KernelError);
    }
    await expect(put('../x')).rejects.toThrow('Plugin "notes": file key "../x" must not hold empty, . or .. segments');
    await expect(files.get('/etc/passwd')).rejects.toThrow('must not start with /');
    await expect(files.stat('a\\b')).rejects.toThrow('may hold only');
    await expect(files.delete('x'.repeat(201))).rejects.toThrow('longer than 200');
    await expect(collect(files.list('../'))).rejects.toThrow(KernelError);
    expect(await put('x'.repeat(200))).toMatchObject({ size: 1 });
    expect(onDisk()).toHaveLength(2);
    await expect(files.put('ok', Buffer.from('x'), { mime: 'not a type' })).rejects.toThrow('mime is not a MIME type');
  });

  it('refuses a stream growing past maxBytes with 413 file_too_large and leaves nothing behind', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    // A stream that never ends (a chunk each turn of the loop, as a socket's come): refused at
    // all means refused on the way.
    const endless = new Readable({
      read() {
        setImmediate(() => this.push(Buffer.alloc(1024, 1)));
      },
    });
    const refused = await files.put('big/one', endless, { mime: 'application/octet-stream', maxBytes: 10_000 }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 413, code: 'file_too_large' });
    // Not destroyed but read off, so an HTTP route still answers on the request's connection.
    expect(endless.destroyed).toBe(false);
    expect(endless.readableFlowing).toBe(true);
    endless.destroy();
    await expect(files.put('big/two', Buffer.alloc(10_001), { mime: 'application/octet-stream', maxBytes: 10_000 })).rejects.toMatchObject({ code: 'file_too_large' });
    expect(await files.stat('big/one')).toBeNull();
    expect(onDisk()).toEqual([]);
    expect(await files.put('big/three', Buffer.alloc(10_000), { mime: 'application/octet-stream', maxBytes: 10_000 })).toMatchObject({ size: 10_000 });
  });

  it('removes the partial file when the stream fails', async () => {
    const files = new LocalFileStore(folder).forPlugin('notes');
    const failing = new Readable({ read() {} });
    const put = files.put('broken', failing, { mime: 'text/plain' });
    failing.push(Buffer.from('some bytes'));
    failing.destroy(new Error('client went away'));
    await expect(put).rejects.toThrow('client went away');
    expect(onDisk()).toEqual([]);
  });

  it("keeps plugins apart: one plugin's keys are not another's", async () => {
    const store = new LocalFileStore(folder);
    const a = store.forPlugin('alpha');
    const b = store.forPlugin('beta');
    await a.put('shared/name', Buffer.from('alpha'), { mime: 'text/plain' });
    expect(await b.get('shared/name')).toBeNull();
    expect(await b.stat('shared/name')).toBeNull();
    expect(await b.delete('shared/name')).toBe(false);
    expect(await collect(b.list())).toEqual([]);
    await expect(b.get('../alpha/shared/name')).rejects.toThrow(KernelError);
    await b.put('shared/name', Buffer.from('beta'), { mime: 'text/plain' });
    expect(await text((await a.get('shared/name'))!.stream)).toBe('alpha');
    expect(() => store.forPlugin('../alpha')).toThrow(KernelError);
  });

  it('keeps files across a restart (a new store on the same folder)', async () => {
    await new LocalFileStore(folder).forPlugin('notes').put('kept/file.txt', Buffer.from('still here'), { mime: 'text/plain', name: 'f.txt' });
    const again = new LocalFileStore(folder).forPlugin('notes');
    const got = await again.get('kept/file.txt');
    expect(got).toMatchObject({ size: 10, mime: 'text/plain', name: 'f.txt' });
    expect(await text(got!.stream)).toBe('still here');
    expect((await collect(again.list())).map((f) => f.key)).toEqual(['kept/file.txt']);
  });
});
