import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appTestProviders, initI18n, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { CHAT_LIMITS, type MessageDto } from '../../shared/chat.protocol';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatOutbox } from './outbox.service';
import { message, operatorAuthor } from '../testing/chat-fixtures';
import type { FakeChatSocket} from '../testing/fake-chat-socket';
import { fakeChatSockets } from '../testing/fake-chat-socket';

describe('ChatOutbox (C8)', () => {
  let socket: FakeChatSocket;
  let outbox: ChatOutbox;
  let stored: MessageDto[];

  const stateOf = (clientId: string) => outbox.messages().find((m) => m.clientId === clientId)?.state ?? 'gone';
  const ackOk = (i: number) => {
    const request = socket.requests('message.send')[i]!;
    request.ack({ ok: true, data: message({ id: `m-${i}`, clientId: request.payload.clientId, author: operatorAuthor(), text: request.payload.text }) });
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    resetBrowserState('ru');
    const sockets: FakeChatSocket[] = [];
    TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets), ChatSocket, ChatOutbox] });
    initI18n();
    TestBed.inject(ChatSocket).connect();
    socket = sockets[0]!;
    socket.serverConnect();
    outbox = TestBed.inject(ChatOutbox);
    stored = [];
    outbox.onStored((m) => stored.push(m));
  });
  afterEach(() => vi.useRealTimers());

  it('sends with a fresh clientId; the ack stores it and takes it out of the outbox', () => {
    const entry = outbox.send('dlg-1', 'Привет');
    expect(socket.requests('message.send').map((r) => r.payload)).toEqual([{ dialogId: 'dlg-1', clientId: entry.clientId, text: 'Привет' }]);
    expect(stateOf(entry.clientId)).toBe('sending');
    ackOk(0);
    expect(stored.map((m) => m.clientId)).toEqual([entry.clientId]);
    expect(stateOf(entry.clientId)).toBe('gone');
    // The 5-second mark never fires for an acknowledged message.
    vi.advanceTimersByTime(CHAT_LIMITS.ackTimeoutMs * 2);
    expect(outbox.messages()).toEqual([]);
  });

  it('attachments go as ids; two messages get different clientIds', () => {
    const a = outbox.send('dlg-1', '', [{ id: 'a-1', name: 'x.png', mime: 'image/png', size: 1, url: 'u', isImage: true }]);
    ackOk(0);
    const b = outbox.send('dlg-1', 'второе');
    expect(socket.requests('message.send')[0]!.payload).toEqual({ dialogId: 'dlg-1', clientId: a.clientId, text: '', attachmentIds: ['a-1'] });
    expect(b.clientId).not.toBe(a.clientId);
  });

  it('no ack within ackTimeoutMs: error; resend uses the same clientId; a late ack still counts', () => {
    const entry = outbox.send('dlg-1', 'Алло?');
    vi.advanceTimersByTime(CHAT_LIMITS.ackTimeoutMs - 1);
    expect(stateOf(entry.clientId)).toBe('sending');
    vi.advanceTimersByTime(1);
    expect(stateOf(entry.clientId)).toBe('error');

    outbox.resend(entry.clientId);
    expect(stateOf(entry.clientId)).toBe('sending');
    const sends = socket.requests('message.send');
    expect(sends.map((r) => r.payload.clientId)).toEqual([entry.clientId, entry.clientId]);

    // The first attempt's answer arrives late: that is enough.
    ackOk(0);
    expect(stateOf(entry.clientId)).toBe('gone');
    expect(stored.length).toBe(1);
  });

  it('a refusal marks the message with the server reason', () => {
    const entry = outbox.send('dlg-1', 'x');
    socket.requests('message.send')[0]!.ack({ ok: false, error: { code: 'dialog_closed', message: 'The dialog is closed' } });
    expect(outbox.messages()[0]).toMatchObject({ clientId: entry.clientId, state: 'error', error: 'The dialog is closed' });
    expect(stored).toEqual([]);
  });

  it('one at a time, in order: the second waits for the first ack (or its timeout)', () => {
    const first = outbox.send('dlg-1', 'раз');
    const second = outbox.send('dlg-1', 'два');
    expect(socket.requests('message.send').map((r) => r.payload.clientId)).toEqual([first.clientId]);
    ackOk(0);
    expect(socket.requests('message.send').map((r) => r.payload.clientId)).toEqual([first.clientId, second.clientId]);
    ackOk(1);

    const third = outbox.send('dlg-1', 'три');
    const fourth = outbox.send('dlg-1', 'четыре');
    // "три" is lost; after the timeout "четыре" goes anyway.
    vi.advanceTimersByTime(CHAT_LIMITS.ackTimeoutMs);
    expect(socket.requests('message.send').map((r) => r.payload.clientId).slice(2)).toEqual([third.clientId, fourth.clientId]);
  });

  it('offline: nothing is emitted; after the reconnect everything goes out again with the same clientIds', () => {
    socket.serverDrop();
    const a = outbox.send('dlg-1', 'a');
    const b = outbox.send('dlg-2', 'b');
    expect(socket.requests('message.send')).toEqual([]);
    vi.advanceTimersByTime(CHAT_LIMITS.ackTimeoutMs);
    expect(outbox.messages().map((m) => m.state)).toEqual(['error', 'error']);

    socket.serverConnect();
    outbox.flush();
    expect(outbox.messages().map((m) => m.state)).toEqual(['sending', 'sending']);
    ackOk(0);
    ackOk(1);
    expect(socket.requests('message.send').map((r) => r.payload.clientId)).toEqual([a.clientId, b.clientId]);
    expect(outbox.messages()).toEqual([]);
  });
});
