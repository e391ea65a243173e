import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_HTTP, CHAT_LIMITS, type AttachmentDto } from '../../plugins/chat/shared/chat.protocol.js';
import { ACCEPT, fileProblem, screenshotName } from '../../plugins/chat/widget/files.js';
import { fileSize } from '../../plugins/chat/shared/file-size.js';
import { uploadFile, UploadError } from '../../plugins/chat/widget/upload.js';
import { Uploads, type UploadFn } from '../../plugins/chat/widget/uploads.js';

/** C7 on the visitor side without a browser: the pre-check, names and sizes, the upload queue, and the upload itself against a real HTTP server. */

const file = (name: string, bytes = 3, type = '') => new File([new Uint8Array(bytes)], name, { type });
const attachment = (name: string): AttachmentDto => ({ id: `att-${name}`, name, mime: 'image/png', size: 3, url: `https://core.example/f/${name}`, isImage: true });

describe('file pre-check', () => {
  it('takes the allowed extensions in any case and refuses others, doubled or missing ones', () => {
    for (const name of ['photo.JPG', 'scan.jpeg', 'a.b.pdf', 'sheet.xlsx', 'voice.wav', 'clip.webm', 'layout.psd']) expect(fileProblem(file(name)), name).toBeNull();
    for (const name of ['run.exe', 'invoice.pdf.exe', 'pdf', '.png', 'noext', 'page.html', 'vector.svg', 'pic.webp']) expect(fileProblem(file(name)), name).toBe('type');
  });

  it('allows exactly the size limit, refuses a byte more, and refuses an empty file', () => {
    expect(fileProblem({ name: 'big.zip', size: CHAT_LIMITS.fileBytes })).toBeNull();
    expect(fileProblem({ name: 'big.zip', size: CHAT_LIMITS.fileBytes + 1 })).toBe('size');
    expect(fileProblem({ name: 'big.exe', size: CHAT_LIMITS.fileBytes + 1 })).toBe('type');
    expect(fileProblem({ name: 'empty.txt', size: 0 })).toBe('empty');
  });

  it('offers the same list to the file picker', () => {
    expect(ACCEPT.split(',')).toEqual(CHAT_LIMITS.fileExtensions.map((e) => `.${e}`));
  });

  it('names a pasted screenshot by the time and its type, so an unaccepted type is still refused', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5);
    expect(screenshotName(at, 'image/png')).toBe('screenshot-20250102-030405.png');
    expect(screenshotName(at, 'image/jpeg')).toBe('screenshot-20250102-030405.jpg');
    expect(screenshotName(at, '')).toBe('screenshot-20250102-030405.png');
    expect(fileProblem(file(screenshotName(at, 'image/webp')))).toBe('type');
    expect(fileProblem(file(screenshotName(at, 'image/svg+xml')))).toBe('type');
  });

  it('formats sizes in the visitor language, as the panel does (one shared formatter)', () => {
    expect(fileSize(512, 'en')).toBe('512\u00a0B');
    expect(fileSize(52_000, 'en')).toBe('51\u00a0KB');
    expect(fileSize(96_512, 'ru')).toBe('94\u00a0КБ');
    expect(fileSize(2.5 * 1024 * 1024, 'ru')).toBe('2,5\u00a0МБ');
    expect(fileSize(CHAT_LIMITS.fileBytes, 'en')).toBe('10\u00a0MB');
  });
});

/** An upload function the test resolves or rejects by hand, one call at a time. */
function manualUpload() {
  const calls: { file: File; signal: AbortSignal; resolve: (a: AttachmentDto) => void; reject: (e: unknown) => void }[] = [];
  const upload: UploadFn = (f, signal) => new Promise((resolve, reject) => calls.push({ file: f, signal, resolve, reject }));
  return { calls, upload };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('upload queue', () => {
  it('uploads one file at a time in the order picked and hands each stored attachment on', async () => {
    const { calls, upload } = manualUpload();
    const uploaded: AttachmentDto[] = [];
    const reported: string[][] = [];
    const q: Uploads = new Uploads(fileProblem, upload, { changed: () => reported.push(q.items().map((i) => i.state)), uploaded: (a) => uploaded.push(a) });
    q.add([file('a.png', 3, 'image/png'), file('b.pdf')]);
    expect(reported).toEqual([['uploading', 'waiting']]); // the view hears of the upload under way, not of a queue that never waits
    expect(q.items().map((i) => [i.name, i.state])).toEqual([
      ['a.png', 'uploading'],
      ['b.pdf', 'waiting'],
    ]);
    expect(q.items()[0]!.preview).toMatch(/^blob:/);
    expect(q.items()[1]!.preview).toBeNull();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(attachment('a.png'));
    await settle();
    expect(reported.at(-1)).toEqual(['uploading']);
    expect(uploaded.map((a) => a.name)).toEqual(['a.png']);
    expect(calls.map((c) => c.file.name)).toEqual(['a.png', 'b.pdf']);
    calls[1]!.resolve(attachment('b.pdf'));
    await settle();
    expect(uploaded.map((a) => a.name)).toEqual(['a.png', 'b.pdf']);
    expect(q.items()).toEqual([]);
  });

  it('never sends a file the pre-check refuses; shows it as failed, not retryable', () => {
    const { calls, upload } = manualUpload();
    const q = new Uploads(fileProblem, upload, { changed() {}, uploaded() {} });
    q.add([file('setup.exe'), file('huge.zip', CHAT_LIMITS.fileBytes + 1), file('blank.txt', 0)]);
    expect(calls).toEqual([]);
    expect(q.items().map((i) => [i.error, i.retryable])).toEqual([
      ['file_type', false],
      ['file_too_large', false],
      ['file_missing', false],
    ]);
    q.retry(q.items()[0]!.key);
    expect(calls).toEqual([]);
    q.dismiss(q.items()[0]!.key);
    expect(q.items()).toHaveLength(2);
  });

  it('keeps the server refusal code (the widget words it, not the server); a network failure may be retried and then succeeds', async () => {
    const { calls, upload } = manualUpload();
    const uploaded: AttachmentDto[] = [];
    const q = new Uploads(fileProblem, upload, { changed() {}, uploaded: (a) => uploaded.push(a) });
    q.add([file('fake.png'), file('note.txt')]);
    calls[0]!.reject(new UploadError('file_type', 'The file content is not an allowed type'));
    await settle();
    expect(q.items()[0]).toMatchObject({ state: 'failed', error: 'file_type', retryable: false });
    calls[1]!.reject(new UploadError('network', ''));
    await settle();
    const note = q.items()[1]!;
    expect(note).toMatchObject({ state: 'failed', error: 'network', retryable: true });
    q.retry(note.key);
    expect(calls.map((c) => c.file.name)).toEqual(['fake.png', 'note.txt', 'note.txt']);
    calls[2]!.resolve(attachment('note.txt'));
    await settle();
    expect(uploaded.map((a) => a.name)).toEqual(['note.txt']);
    expect(q.items().map((i) => i.name)).toEqual(['fake.png']);
  });

  it('cancelling aborts the request, ignores its late answer, and starts the next file', async () => {
    const { calls, upload } = manualUpload();
    const uploaded: AttachmentDto[] = [];
    const q = new Uploads(fileProblem, upload, { changed() {}, uploaded: (a) => uploaded.push(a) });
    q.add([file('slow.zip'), file('next.pdf')]);
    q.dismiss(q.items()[0]!.key);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls.map((c) => c.file.name)).toEqual(['slow.zip', 'next.pdf']);
    calls[0]!.resolve(attachment('slow.zip'));
    await settle();
    expect(uploaded).toEqual([]);
    expect(q.items().map((i) => [i.name, i.state])).toEqual([['next.pdf', 'uploading']]);
  });
});

describe('uploadFile (a real HTTP server)', () => {
  let server: http.Server;
  let base: string;
  const seen: { auth?: string; field?: string; name?: string; bytes?: number }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const send = (status: number, body: unknown, type = 'application/json') => {
            res.writeHead(status, { 'content-type': type });
            res.end(typeof body === 'string' ? body : JSON.stringify(body));
          };
          if (req.url === '/proxy-limit') return send(413, '<html>413 Request Entity Too Large</html>', 'text/html');
          if (req.url === '/broken') return send(500, 'oops', 'text/plain');
          if (req.url === '/wrong-shape') return send(201, { ok: true });
          const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
          const f = form.get('file');
          seen.push({ auth: req.headers.authorization, field: [...form.keys()].join(','), name: f instanceof File ? f.name : undefined, bytes: f instanceof File ? f.size : undefined });
          if (req.headers.authorization !== 'Bearer visitor-token') return send(401, { error: { code: 'unauthorized', message: 'Bad token' } });
          if (!(f instanceof File)) return send(400, { error: { code: 'file_missing', message: 'No file' } });
          if (f.name.endsWith('.exe')) return send(400, { error: { code: 'file_type', message: 'This file type is not allowed' } });
          if (f.size > 1000) return send(413, { error: { code: 'file_too_large', message: 'Files up to 10 MB' } });
          if (f.name === 'slow.txt') return setTimeout(() => send(201, attachment(f.name)), 2000);
          send(201, { ...attachment(f.name), size: f.size });
        })();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });

  const url = () => `${base}${CHAT_HTTP.visitorUpload}`;
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

  it('posts the file as multipart field `file` with the visitor token and returns the stored attachment', async () => {
    const a = await uploadFile(url(), 'visitor-token', file('screenshot-20250102-030405.png', 120, 'image/png'));
    expect(a).toMatchObject({ id: 'att-screenshot-20250102-030405.png', name: 'screenshot-20250102-030405.png', size: 120 });
    expect(seen.at(-1)).toEqual({ auth: 'Bearer visitor-token', field: 'file', name: 'screenshot-20250102-030405.png', bytes: 120 });
  });

  it('turns refusals into the server code and message', async () => {
    expect(await failure(uploadFile(url(), 'visitor-token', file('run.exe')))).toMatchObject({ code: 'file_type', message: 'This file type is not allowed' });
    expect(await failure(uploadFile(url(), 'visitor-token', file('big.zip', 2000)))).toMatchObject({ code: 'file_too_large', message: 'Files up to 10 MB' });
    expect(await failure(uploadFile(url(), 'stolen', file('a.txt')))).toMatchObject({ code: 'unauthorized' });
  });

  it('a refusal without our JSON (a proxy, a crash, a wrong answer) still gets a code, and no answer at all is `network`', async () => {
    expect(await failure(uploadFile(`${base}/proxy-limit`, 't', file('a.zip')))).toMatchObject({ code: 'file_too_large', message: '' });
    expect(await failure(uploadFile(`${base}/broken`, 't', file('a.zip')))).toMatchObject({ code: 'upload_failed', message: '' });
    expect(await failure(uploadFile(`${base}/wrong-shape`, 't', file('a.zip')))).toMatchObject({ code: 'upload_failed' });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await failure(uploadFile(`http://127.0.0.1:${port}/x`, 't', file('a.zip')));
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code: 'network' });
  });

  it('an abort rejects with the AbortError, not an UploadError', async () => {
    const abort = new AbortController();
    const pending = failure(uploadFile(url(), 'visitor-token', file('slow.txt'), abort.signal));
    setTimeout(() => abort.abort(), 50);
    const err = await pending;
    expect(err).not.toBeInstanceOf(UploadError);
    expect((err as Error).name).toBe('AbortError');
  });
});
