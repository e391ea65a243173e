import CFB from 'cfb';
import { parse as parseDisposition } from 'content-disposition';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { postChunkedFile } from '../../../core/test/support/multipart.js';
import { AttachmentsService } from '../server/attachments.service.js';
import type { ChatContext } from '../server/chat.db.js';
import type { ChatTables } from '../server/chat.tables.js';
import { CHAT_HTTP, CHAT_LIMITS, type AttachmentDto, type DialogDto, type MessageDto, type VisitorState } from '../shared/chat.protocol.js';
import { connectChat, uploadFile, type TestSocket } from './chat-client.js';

const SITE = 'https://files-shop.example';
const PANEL = 'http://panel.test';

// Fixtures are made here, not committed: a 1×1 PNG, a minimal PDF, a Word 97 (OLE) document.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** A PNG signature and header chunk declaring `width`×`height` px (and no pixel data): what an image bomb's header says. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const chunk = Buffer.concat([Buffer.from('IHDR'), ihdr]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(chunk));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, chunk, crc]);
}
/** A GIF89a header declaring `width`×`height` px. */
function gifHeader(width: number, height: number): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  return Buffer.concat([Buffer.from('GIF89a'), screen, Buffer.from([0x3b])]);
}
/** CRC-32 as PNG chunks carry it. */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
function oleDocument(stream: string): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, stream, Buffer.from('content'));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

let core: TestCore;
let db: Kysely<ChatTables>;
let acc: SeededAccount;
let siteKey: string;
let op: TestSocket;
let opToken: string;
const opened: TestSocket[] = [];

interface TestVisitor {
  socket: TestSocket;
  token: string;
  id: string;
}

async function visitor(site = SITE, key = siteKey): Promise<TestVisitor> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey: key }, headers: { origin: site } });
  const socket = await connectChat(core.url, session.body.visitorToken, site);
  opened.push(socket);
  await socket.call<VisitorState>('visitor.hello', { page: { url: `${site}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  return { socket, token: session.body.visitorToken, id: session.body.visitorId };
}

const visitorUpload = (v: TestVisitor, name: string, bytes: Uint8Array, origin = SITE) =>
  uploadFile<AttachmentDto & { error: { code: string; message: string } }>(`${core.url}${CHAT_HTTP.visitorUpload}`, v.token, { name, bytes }, { origin });
const operatorUpload = (token: string, dialogId: string, name: string, bytes: Uint8Array) =>
  uploadFile<AttachmentDto & { error: { code: string; message: string } }>(`${core.url}${CHAT_HTTP.operatorUpload}?dialogId=${encodeURIComponent(dialogId)}`, token, { name, bytes }, { origin: PANEL });
/** The file's URL is absolute on the public address; the test core listens elsewhere. */
const download = (url: string) => fetch(url.replace(core.config.publicUrl, core.url));
const filesOf = (uploaderKey: string) => db.selectFrom('chat_attachments').select(['id', 'message_id', 'dialog_id']).where('uploader_key', '=', uploaderKey).execute();
const cid = () => crypto.randomUUID();
function disposition(res: Response): { type: string; filename: string | undefined } {
  const { type, parameters } = parseDisposition(res.headers.get('content-disposition') ?? '');
  return { type, filename: parameters.filename };
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  db = core.db as unknown as Kysely<ChatTables>;
  acc = await seedAccount(core);
  const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Files shop', url: SITE } })).body.publicKey;
  opToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  op = await connectChat(core.url, opToken, PANEL);
  opened.push(op);
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
});

describe('files in a conversation (C7)', () => {
  let v: TestVisitor;
  let dialogId: string;

  it('a visitor sends a picture without text; the operator gets it once, however often the send is retried', async () => {
    v = await visitor();
    const uploaded = await visitorUpload(v, 'photo.png', PNG);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'photo.png', mime: 'image/png', size: PNG.length, isImage: true });
    expect(uploaded.body.url.startsWith(`${PANEL}${CHAT_HTTP.files}/${uploaded.body.id}/`)).toBe(true);

    const clientId = cid();
    const created = op.next<MessageDto>('message.created', (m) => m.clientId === clientId);
    const sent = await v.socket.call<MessageDto>('message.send', { clientId, text: '', attachmentIds: [uploaded.body.id] });
    const retried = await v.socket.call<MessageDto>('message.send', { clientId, text: '', attachmentIds: [uploaded.body.id] });
    expect(retried.id).toBe(sent.id);
    expect((await created).attachments).toEqual([uploaded.body]);
    dialogId = sent.dialogId;
    await op.settled();
    expect((op.received.get('message.created') as MessageDto[]).filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect(await db.selectFrom('chat_messages').select('id').where('client_id', '=', clientId).execute()).toHaveLength(1);
    expect(await filesOf(`v:${v.id}`)).toEqual([{ id: uploaded.body.id, message_id: sent.id, dialog_id: dialogId }]);

    const res = await download(uploaded.body.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(disposition(res)).toEqual({ type: 'inline', filename: 'photo.png' });
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
  });

  it('the operator sends a document; the visitor receives it and downloads it as a file, with its name', async () => {
    const uploaded = await operatorUpload(opToken, dialogId, 'Счёт №5.pdf', PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'Счёт №5.pdf', mime: 'application/pdf', isImage: false });
    const got = v.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'operator');
    await op.call<MessageDto>('message.send', { dialogId, clientId: cid(), text: 'Your invoice', attachmentIds: [uploaded.body.id] });
    expect(await got).toMatchObject({ text: 'Your invoice', attachments: [uploaded.body] });

    const res = await download((await got).attachments[0]!.url);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // RFC 5987: the UTF-8 name in filename*, an ASCII stand-in in filename for old clients.
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Счёт №5.pdf')}`);
    expect(disposition(res)).toEqual({ type: 'attachment', filename: 'Счёт №5.pdf' });

    // Lists carry the files too (the dialog, the widget's state after a reload).
    const openedDialog = await op.call<{ messages: MessageDto[] }>('dialog.open', { dialogId });
    expect(openedDialog.messages.map((m) => m.attachments.map((a) => a.name))).toEqual([['photo.png'], ['Счёт №5.pdf']]);
    const state = await v.socket.call<VisitorState>('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    expect(state.messages.flatMap((m) => m.attachments.map((a) => a.id))).toHaveLength(2);
  });

  it('a file is what its bytes say, whatever its name: disguised, foreign and empty files are refused and not stored', async () => {
    const before = (await filesOf(`v:${v.id}`)).length;
    const refused = async (name: string, bytes: Uint8Array) => {
      const res = await visitorUpload(v, name, bytes);
      expect(res.status, name).toBe(400);
      return res.body.error;
    };
    expect(await refused('cat.png', PDF)).toEqual({ code: 'file_type', message: 'This file is a PDF document, not a PNG image' });
    expect(await refused('drawing.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatchObject({ code: 'file_type', message: expect.stringContaining('allowed: jpg, jpeg') });
    expect(await refused('page.html', Buffer.from('<html><script>alert(1)</script></html>'))).toMatchObject({ code: 'file_type' });
    expect(await refused('notes.txt', Buffer.from([0x68, 0x69, 0x00, 0xff]))).toEqual({ code: 'file_type', message: 'This file is not a text file' });
    expect(await refused('table.xls', oleDocument('WordDocument'))).toEqual({ code: 'file_type', message: 'This file is a Word 97–2003 document, not an Excel 97–2003 workbook' });
    expect(await refused('setup.doc', oleDocument('SummaryInformation'))).toEqual({ code: 'file_type', message: 'This file is not a Word 97–2003 document' });
    expect(await refused('empty.txt', Buffer.alloc(0))).toMatchObject({ code: 'file_missing' });
    expect((await filesOf(`v:${v.id}`)).length).toBe(before);

    // Accepted: an Office 97 document; a PDF without an extension gets its own; text stays inert.
    expect((await visitorUpload(v, 'report.doc', oleDocument('WordDocument'))).body).toMatchObject({ name: 'report.doc', mime: 'application/msword' });
    expect((await visitorUpload(v, 'scan', PDF)).body).toMatchObject({ name: 'scan.pdf', mime: 'application/pdf' });
    const text = await visitorUpload(v, 'readme.txt', Buffer.from('<script>alert(1)</script> привет'));
    expect(text.body).toMatchObject({ name: 'readme.txt', mime: 'text/plain', isImage: false });
    const served = await download(text.body.url);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(disposition(served)).toEqual({ type: 'attachment', filename: 'readme.txt' });
  });

  it('refuses an image bomb by the size its header declares, and takes images up to the limit (item 18)', async () => {
    const before = (await filesOf(`v:${v.id}`)).length;
    // A 1 MB PNG declaring 20000×20000 px: tiny on the wire, 1.6 GB once a browser decodes it.
    const bomb = Buffer.concat([pngHeader(20_000, 20_000), Buffer.alloc(1024 * 1024)]);
    expect(await visitorUpload(v, 'bomb.png', bomb)).toMatchObject({ status: 400, body: { error: { code: 'image_too_large', message: expect.stringContaining('20000×20000 px') } } });
    expect(await operatorUpload(opToken, dialogId, 'bomb.png', bomb)).toMatchObject({ status: 400, body: { error: { code: 'image_too_large' } } });
    // One side over 10000 px is refused however few pixels; a GIF is read the same way.
    expect(await visitorUpload(v, 'strip.gif', gifHeader(10_001, 1))).toMatchObject({ status: 400, body: { error: { code: 'image_too_large' } } });
    expect((await filesOf(`v:${v.id}`)).length).toBe(before);
    // At the limit — 10000×4000 px, 40 megapixels — and an ordinary picture are taken.
    expect((await visitorUpload(v, 'panorama.png', pngHeader(10_000, 4_000))).body).toMatchObject({ name: 'panorama.png', isImage: true });
    expect((await visitorUpload(v, 'photo.png', PNG)).status).toBe(201);
  });

  it('refuses a file over 10 MB with 413 — announced or streamed — and stores nothing', async () => {
    const before = (await filesOf(`v:${v.id}`)).length;
    const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024 - PNG.length, 1)]);
    const announced = await visitorUpload(v, 'big.png', big);
    expect(announced).toMatchObject({ status: 413, body: { error: { code: 'file_too_large', message: 'A file may be at most 10 MB' } } });

    // Without a Content-Length (chunked), the limit cuts the stream off as it arrives.
    const streamed = await postChunkedFile(`${core.url}${CHAT_HTTP.visitorUpload}`, { authorization: `Bearer ${v.token}`, origin: SITE }, 'big.png', big);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('file_too_large');
    expect((await filesOf(`v:${v.id}`)).length).toBe(before);
    expect(CHAT_LIMITS.fileBytes).toBe(10 * 1024 * 1024);
  });

  it('a forged or altered file URL is not found', async () => {
    const uploaded = (await visitorUpload(v, 'secret.png', PNG)).body;
    const [, signature] = uploaded.url.slice(`${PANEL}${CHAT_HTTP.files}/`.length).split('/');
    const forged = uploaded.url.replace(signature!, `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`);
    expect((await download(forged)).status).toBe(404);
    expect((await download(uploaded.url.replace(uploaded.id, 'not-an-id'))).status).toBe(404);
    expect((await download(uploaded.url.replace(uploaded.id, crypto.randomUUID()))).status).toBe(404);
    expect((await download(uploaded.url)).status).toBe(200);
  });

  it('a file goes on one message of its own uploader only', async () => {
    const mine = (await visitorUpload(v, 'mine.png', PNG)).body;
    const other = await visitor();
    const stolen = await other.socket.raw('message.send', { clientId: cid(), text: 'look', attachmentIds: [mine.id] });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'attachment_not_found' } });
    // Refused before anything was stored: the other visitor has no dialog.
    expect(await db.selectFrom('chat_dialogs').select('id').where('visitor_id', '=', other.id).execute()).toEqual([]);
    // An operator of the same account cannot pass a visitor's file off as their own either.
    expect(await op.raw('message.send', { dialogId, clientId: cid(), text: 'x', attachmentIds: [mine.id] })).toMatchObject({ ok: false, error: { code: 'attachment_not_found' } });

    await v.socket.call('message.send', { clientId: cid(), text: 'first', attachmentIds: [mine.id] });
    expect(await v.socket.raw('message.send', { clientId: cid(), text: 'again', attachmentIds: [mine.id] })).toMatchObject({ ok: false, error: { code: 'attachment_used' } });
  });

  it('an operator of another account can neither upload into this dialog nor send this account\'s files', async () => {
    const other = await seedAccount(core, 'Other');
    const strangerToken = (await core.api.login(other.operator.email, other.operator.password)).accessToken;
    expect(await operatorUpload(strangerToken, dialogId, 'x.png', PNG)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });

    // Their own dialog, on their own site, with a file of our operator's: refused.
    const otherAdmin = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
    const otherSite = 'https://other-shop.example';
    const otherKey = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: otherAdmin, body: { name: 'Other shop', url: otherSite } })).body.publicKey;
    const theirVisitor = await visitor(otherSite, otherKey);
    const theirDialog = (await theirVisitor.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'hello' })).dialogId;
    const ours = (await operatorUpload(opToken, dialogId, 'ours.png', PNG)).body;
    const stranger = await connectChat(core.url, strangerToken, PANEL);
    opened.push(stranger);
    expect(await stranger.raw('message.send', { dialogId: theirDialog, clientId: cid(), text: 'x', attachmentIds: [ours.id] })).toMatchObject({ ok: false, error: { code: 'attachment_not_found' } });

    // Our operator cannot carry a file uploaded for one dialog into another.
    const quiet = await visitor();
    const started = await op.call<DialogDto>('dialog.start', { visitorId: quiet.id });
    expect(await op.raw('message.send', { dialogId: started.id, clientId: cid(), text: 'x', attachmentIds: [ours.id] })).toMatchObject({ ok: false, error: { code: 'attachment_other_dialog' } });
  });

  it('each side uploads only at its own address, a visitor only from the site\'s pages', async () => {
    expect(await visitorUpload(v, 'x.png', PNG, 'https://evil.example')).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    const noOrigin = await uploadFile<{ error: { code: string } }>(`${core.url}${CHAT_HTTP.visitorUpload}`, v.token, { name: 'x.png', bytes: PNG });
    expect(noOrigin).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    expect(await uploadFile(`${core.url}${CHAT_HTTP.visitorUpload}`, opToken, { name: 'x.png', bytes: PNG }, { origin: PANEL })).toMatchObject({ status: 403 });
    expect(await operatorUpload(v.token, dialogId, 'x.png', PNG)).toMatchObject({ status: 403 });
    expect(await uploadFile(`${core.url}${CHAT_HTTP.visitorUpload}`, 'not-a-token', { name: 'x.png', bytes: PNG }, { origin: SITE })).toMatchObject({ status: 401 });
    const missing = await fetch(`${core.url}${CHAT_HTTP.visitorUpload}`, { method: 'POST', headers: { authorization: `Bearer ${v.token}`, origin: SITE, 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
  });

  it('refuses a message with neither text nor files, and too many files', async () => {
    const empty = await v.socket.raw('message.send', { clientId: cid(), text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('The message is empty') } });
    expect(await op.raw('message.send', { dialogId, clientId: cid(), text: '', attachmentIds: [] })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const eleven = Array.from({ length: 11 }, () => crypto.randomUUID());
    expect(await v.socket.raw('message.send', { clientId: cid(), text: 'x', attachmentIds: eleven })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await v.socket.raw('message.send', { clientId: cid(), text: 'x', attachmentIds: ['../../etc'] })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('purges files uploaded more than a day ago and never sent, and nothing else', async () => {
    const unsent = (await visitorUpload(v, 'left-behind.png', PNG)).body;
    const sent = (await filesOf(`v:${v.id}`)).find((f) => f.message_id !== null)!;
    await db.updateTable('chat_attachments').set({ created_at: Date.now() - 25 * 3600_000 }).where('id', 'in', [unsent.id, sent.id]).execute();
    const service = await AttachmentsService.start({ db: { kysely: db }, logger: console, publicUrl: PANEL } as unknown as ChatContext);
    try {
      expect(await service.purge()).toBe(1);
    } finally {
      service.stop();
    }
    const left = (await filesOf(`v:${v.id}`)).map((f) => f.id);
    expect(left).not.toContain(unsent.id);
    expect(left).toContain(sent.id);
  });
});
