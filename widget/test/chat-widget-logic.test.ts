import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, AttachmentDto, MessageDto } from '../../plugins/chat/shared/chat.protocol.js';
import { linkify } from '../../plugins/chat/widget/linkify.js';
import { MessageStore } from '../../plugins/chat/widget/messages.js';
import { messagePayload, newClientId, Outbox, type OutboxEntry } from '../../plugins/chat/widget/outbox.js';
import { PendingId } from '../../plugins/chat/widget/pending-id.js';
import type { KeyValue } from '../../plugins/chat/widget/storage.js';
import { draftThrottle } from '../../plugins/chat/widget/typing.js';
import { validateOffline } from '../../plugins/chat/widget/validate.js';

/** The visitor side's logic without a browser: delivery (C8, with files C7), the message list (C10), drafts (C6), the offline form (H6), links. */

class MemoryStorage implements KeyValue {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

const message = (over: Partial<MessageDto> & { clientId: string; text: string }): MessageDto => ({
  id: `m-${over.clientId}`,
  dialogId: 'd1',
  author: { kind: 'visitor', userId: null, name: 'Guest', avatarUrl: null },
  attachments: [],
  createdAt: new Date().toISOString(),
  editedAt: null,
  ...over,
});

/** A fake connection: records sends; the test answers (or not) each one. */
function fakeServer() {
  const sent: { entry: OutboxEntry; ack: (r: Ack<MessageDto>) => void }[] = [];
  let up = true;
  return {
    sent,
    transport: { ready: () => up, send: (entry: OutboxEntry, ack: (r: Ack<MessageDto>) => void) => void sent.push({ entry, ack }) },
    setUp: (v: boolean) => void (up = v),
    acceptAll: () => sent.splice(0).forEach((s) => s.ack({ ok: true, data: message({ ...s.entry, attachments: s.entry.attachments ?? [] }) })),
  };
}

describe('outbox (C8 delivery)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives every message a UUID clientId, sends in order one at a time, and forgets it when acknowledged', () => {
    const server = fakeServer();
    const acked: MessageDto[] = [];
    const kv = new MemoryStorage();
    const box = new Outbox(kv, 'k', server.transport, { changed() {}, acked: (m) => acked.push(m) });
    const a = box.add('first');
    box.add('second');
    expect(a.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(server.sent.map((s) => s.entry.text)).toEqual(['first']);
    expect(JSON.parse(kv.getItem('k')!)).toHaveLength(2);
    server.sent.shift()!.ack({ ok: true, data: message(a) });
    expect(server.sent.map((s) => s.entry.text)).toEqual(['second']);
    server.acceptAll();
    expect(acked.map((m) => m.text)).toEqual(['first', 'second']);
    expect(box.items()).toEqual([]);
    expect(kv.getItem('k')).toBeNull();
  });

  it('marks a message failed after the ack timeout, keeps it, and a late ack still delivers it', () => {
    const server = fakeServer();
    const box = new Outbox(new MemoryStorage(), 'k', server.transport, { changed() {}, acked() {} }, 5000);
    box.add('slow');
    vi.advanceTimersByTime(4999);
    expect(box.items()[0]!.status).toBe('pending');
    vi.advanceTimersByTime(1);
    expect(box.items()[0]!.status).toBe('failed');
    server.acceptAll();
    expect(box.items()).toEqual([]);
  });

  it('a lost ack does not stall the line: the next message goes out after the timeout', () => {
    const server = fakeServer();
    const box = new Outbox(new MemoryStorage(), 'k', server.transport, { changed() {}, acked() {} }, 5000);
    box.add('lost');
    box.add('next');
    expect(server.sent).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(server.sent.map((s) => s.entry.text)).toEqual(['lost', 'next']);
  });

  it('retry sends a failed message again with the same clientId; a refusal keeps the server error code', () => {
    const server = fakeServer();
    const box = new Outbox(new MemoryStorage(), 'k', server.transport, { changed() {}, acked() {} }, 5000);
    const e = box.add('hello');
    server.sent.shift()!.ack({ ok: false, error: { code: 'rate_limited', message: 'Too many events; slow down' } });
    expect(box.items()[0]).toMatchObject({ status: 'failed', error: 'rate_limited' });
    box.retry(e.clientId);
    expect(box.items()[0]!.status).toBe('pending');
    expect(server.sent[0]!.entry.clientId).toBe(e.clientId);
  });

  it('survives a reload: a new outbox on the same storage re-sends everything after (re)connect', () => {
    const kv = new MemoryStorage();
    const offline = fakeServer();
    offline.setUp(false);
    const before = new Outbox(kv, 'k', offline.transport, { changed() {}, acked() {} }, 5000);
    const e1 = before.add('one');
    const e2 = before.add('two');
    expect(offline.sent).toEqual([]);
    vi.advanceTimersByTime(5000);
    expect(before.items().map((i) => i.status)).toEqual(['failed', 'failed']);

    const server = fakeServer();
    const after = new Outbox(kv, 'k', server.transport, { changed() {}, acked() {} }, 5000);
    expect(after.items().map((i) => [i.clientId, i.status])).toEqual([
      [e1.clientId, 'pending'],
      [e2.clientId, 'pending'],
    ]);
    after.flush();
    server.acceptAll();
    server.acceptAll();
    expect(after.items()).toEqual([]);
  });

  it('after a reconnect resends what was in flight, and confirm() drops what the server already has', () => {
    const server = fakeServer();
    const box = new Outbox(new MemoryStorage(), 'k', server.transport, { changed() {}, acked() {} }, 5000);
    const a = box.add('a');
    const b = box.add('b');
    server.sent.length = 0; // the connection dropped with 'a' in flight
    expect(box.confirm(a.clientId)).toBe(true); // the hello state shows the server stored 'a'
    box.flush();
    expect(server.sent.map((s) => s.entry.clientId)).toEqual([b.clientId]);
  });

  const photo: AttachmentDto = { id: 'att-1', name: 'screenshot-20250101-140533.png', mime: 'image/png', size: 52_000, url: 'https://core.example/api/chat/public/files/att-1/sig/screenshot.png', isImage: true };

  it('sends an uploaded file by id, with empty text, and keeps the attachment in storage until acknowledged', () => {
    const server = fakeServer();
    const kv = new MemoryStorage();
    const box = new Outbox(kv, 'k', server.transport, { changed() {}, acked() {} }, 5000);
    const e = box.add('', [photo]);
    expect(messagePayload(server.sent[0]!.entry)).toEqual({ clientId: e.clientId, text: '', attachmentIds: ['att-1'] });
    expect(JSON.parse(kv.getItem('k')!)[0].attachments).toEqual([photo]);
    expect(messagePayload(box.add('just text'))).toEqual({ clientId: expect.any(String), text: 'just text' });
    server.acceptAll();
    expect(box.items().map((i) => i.text)).toEqual(['just text']);
  });

  it('a reload between the upload and the acknowledgement still sends the file message, with the same clientId', () => {
    const kv = new MemoryStorage();
    const lost = fakeServer();
    const before = new Outbox(kv, 'k', lost.transport, { changed() {}, acked() {} }, 5000);
    const e = before.add('', [photo]);
    expect(lost.sent).toHaveLength(1); // went out, the ack never came: the page reloaded

    const server = fakeServer();
    const acked: MessageDto[] = [];
    const after = new Outbox(kv, 'k', server.transport, { changed() {}, acked: (m) => acked.push(m) }, 5000);
    expect(new MessageStore().view(after.items())).toMatchObject([{ clientId: e.clientId, status: 'pending', attachments: [photo] }]);
    after.flush();
    expect(messagePayload(server.sent[0]!.entry)).toEqual({ clientId: e.clientId, text: '', attachmentIds: ['att-1'] });
    server.acceptAll();
    expect(acked.map((m) => m.attachments)).toEqual([[photo]]);
    expect(kv.getItem('k')).toBeNull();
  });

  it('drops stored entries whose attachments are not attachments', () => {
    const kv = new MemoryStorage();
    const ok = { clientId: 'c1', text: '', createdAt: '2025-01-01T10:00:00Z', attachments: [photo] };
    kv.setItem('k', JSON.stringify([ok, { ...ok, clientId: 'c2', attachments: 'att-1' }, { ...ok, clientId: 'c3', attachments: [{ id: 5 }] }, { ...ok, clientId: 'c4', attachments: [null] }]));
    expect(new Outbox(kv, 'k', fakeServer().transport, { changed() {}, acked() {} }).items().map((i) => i.clientId)).toEqual(['c1']);
  });

  it('ignores garbage in storage', () => {
    const kv = new MemoryStorage();
    kv.setItem('k', '{"not":"a list"');
    expect(new Outbox(kv, 'k', fakeServer().transport, { changed() {}, acked() {} }).items()).toEqual([]);
    expect(new Set(Array.from({ length: 50 }, newClientId)).size).toBe(50);
  });
});

describe('message store', () => {
  it('orders stored messages by time, edits in place, and shows unstored outbox items after them', () => {
    const store = new MessageStore();
    store.reset([
      message({ clientId: 'b', text: 'later', createdAt: '2025-01-01T10:01:00Z' }),
      message({ clientId: 'a', text: 'earlier', createdAt: '2025-01-01T10:00:00Z', author: { kind: 'operator', userId: 1, name: 'Anna', avatarUrl: null } }),
    ]);
    expect(store.upsert(message({ clientId: 'zz', text: 'unknown edit' }), { onlyExisting: true })).toBe(false);
    store.upsert(message({ clientId: 'a', text: 'edited', createdAt: '2025-01-01T10:00:00Z', editedAt: '2025-01-01T10:05:00Z', author: { kind: 'operator', userId: 1, name: 'Anna', avatarUrl: null } }), { onlyExisting: true });
    const rows = store.view([
      { clientId: 'b', text: 'later', createdAt: '2025-01-01T10:01:00Z', status: 'pending' },
      { clientId: 'c', text: 'queued', createdAt: '2025-01-01T09:00:00Z', status: 'failed' },
    ]);
    expect(rows.map((r) => [r.text, r.kind, r.status, r.editedAt])).toEqual([
      ['edited', 'operator', 'sent', '2025-01-01T10:05:00Z'],
      ['later', 'visitor', 'sent', null],
      ['queued', 'visitor', 'failed', null],
    ]);
  });
});

describe('typing preview (C6)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the draft at most every 300 ms (trailing) and once empty after send', () => {
    const sent: string[] = [];
    const drafts = draftThrottle((d) => sent.push(d), 300, 10);
    drafts.input('h');
    drafts.input('he');
    drafts.input('hel');
    vi.advanceTimersByTime(299);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['hel']);
    drafts.input('hello world, long');
    vi.advanceTimersByTime(300);
    expect(sent).toEqual(['hel', 'hello worl']);
    drafts.input('x');
    drafts.sent();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['hel', 'hello worl', '']);
    drafts.sent();
    expect(sent).toHaveLength(3);
  });
});

describe('offline form validation (H6)', () => {
  const ok = { name: 'Мария', email: 'maria@example.com', phone: '', text: 'Перезвоните' };
  it('requires name, e-mail and message; phone is optional but checked', () => {
    expect(validateOffline(ok)).toEqual({});
    expect(validateOffline({ name: '', email: '', phone: '', text: '' })).toEqual({ name: 'required', email: 'required', text: 'required' });
    expect(validateOffline({ ...ok, email: 'maria@example' })).toEqual({ email: 'email' });
    expect(validateOffline({ ...ok, email: 'a b@c.d' })).toEqual({ email: 'email' });
    expect(validateOffline({ ...ok, phone: '+7 (912) 345-67-89' })).toEqual({});
    expect(validateOffline({ ...ok, phone: 'call me' })).toEqual({ phone: 'phone' });
    expect(validateOffline({ ...ok, text: 'x'.repeat(5001) })).toEqual({ text: 'tooLong' });
  });
});

describe('offline form clientId (H6)', () => {
  const form = { name: 'Мария', email: 'maria@example.com', phone: '', text: 'Перезвоните' };

  it('a retry of the same form reuses the id, across a reload; other content or a finished send gets a new one', () => {
    const kv = new MemoryStorage();
    const first = new PendingId(kv, 'offline').for(form);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(new PendingId(kv, 'offline').for({ ...form })).toBe(first); // a reload, the same words
    expect(kv.getItem('offline')).not.toContain('maria'); // a fingerprint, not a copy of the form
    const edited = new PendingId(kv, 'offline').for({ ...form, text: 'Перезвоните после 18:00' });
    expect(edited).not.toBe(first);
    const ids = new PendingId(kv, 'offline');
    expect(ids.for({ ...form, text: 'Перезвоните после 18:00' })).toBe(edited);
    ids.done();
    expect(kv.getItem('offline')).toBeNull();
    expect(ids.for({ ...form, text: 'Перезвоните после 18:00' })).not.toBe(edited);
  });

  it('keeps the id in memory where storage is blocked, and ignores garbage in storage', () => {
    const blocked = new PendingId(null, 'offline');
    expect(blocked.for(form)).toBe(blocked.for(form));
    const kv = new MemoryStorage();
    kv.setItem('offline', '{"id":42,"sig":');
    expect(new PendingId(kv, 'offline').for(form)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('linkify', () => {
  it('turns only http(s) URLs into links and keeps sentence punctuation out', () => {
    expect(linkify('see https://example.com/a?b=1, or www.shop.ru/tea.')).toEqual([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', or ' },
      { text: 'www.shop.ru/tea', href: 'https://www.shop.ru/tea' },
      { text: '.' },
    ]);
    expect(linkify('(https://en.wikipedia.org/wiki/Tea_(drink))')[1]).toEqual({ text: 'https://en.wikipedia.org/wiki/Tea_(drink)', href: 'https://en.wikipedia.org/wiki/Tea_(drink)' });
    expect(linkify('javascript:alert(1) <img src=x onerror=alert(1)>')).toEqual([{ text: 'javascript:alert(1) <img src=x onerror=alert(1)>' }]);
    expect(linkify('')).toEqual([{ text: '' }]);
  });
});
