import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../../../../admin-ui/src/app/plugin-api';
import { TokenStorage } from '../../../../admin-ui/src/testing/plugin-testing';
import { apiError, appTestProviders, authResponse, initI18n, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { ChatRequestError } from '../ui/chat-errors';
import { ChatSocket, REQUEST_TIMEOUT_MS } from './chat-socket.service';
import type { FakeChatSocket} from '../testing/fake-chat-socket';
import { fakeChatSockets } from '../testing/fake-chat-socket';

describe('ChatSocket', () => {
  let sockets: FakeChatSocket[];
  let backend: HttpTestingController;
  let chat: ChatSocket;

  beforeEach(async () => {
    resetBrowserState('ru');
    sockets = [];
    TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets), ChatSocket] });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
    const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    await login;
    chat = TestBed.inject(ChatSocket);
    chat.connect();
  });
  afterEach(() => {
    vi.useRealTimers();
    backend.verify();
  });

  it('connects once to /chat; every handshake reads the newest access token', () => {
    chat.connect();
    expect(sockets.length).toBe(1);
    expect(sockets[0]!.handshakeToken()).toBe('access-1');
    TestBed.inject(TokenStorage).set('access-7', 'refresh-7');
    expect(sockets[0]!.handshakeToken()).toBe('access-7');
    expect(chat.state()).toBe('connecting');
    sockets[0]!.serverConnect();
    expect(chat.state()).toBe('connected');
    sockets[0]!.serverDrop();
    expect(chat.state()).toBe('reconnecting');
  });

  it('request: resolves with the data, rejects with the server error; offline and timeout are errors too', async () => {
    const socket = sockets[0]!;
    await expect(chat.request('visitors.list', {})).rejects.toMatchObject({ code: 'offline' });
    expect(socket.sent).toEqual([]);

    socket.serverConnect();
    const ok = chat.request('dialogs.counts', {});
    socket.last('dialogs.counts')!.ack({ ok: true, data: { mine: 1, common: 0, archive: 0, important: 0, blocked: 0 } });
    await expect(ok).resolves.toEqual({ mine: 1, common: 0, archive: 0, important: 0, blocked: 0 });

    const refused = chat.request('dialog.close', { dialogId: 'x' });
    socket.last('dialog.close')!.ack({ ok: false, error: { code: 'not_found', message: 'No such dialog' } });
    const err = await refused.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatRequestError);
    expect(err).toMatchObject({ code: 'not_found', message: 'No such dialog' });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const silent = chat.request('visitors.list', {});
    vi.advanceTimersByTime(REQUEST_TIMEOUT_MS);
    await expect(silent).rejects.toMatchObject({ code: 'timeout' });
    // An answer after the timeout is ignored.
    socket.last('visitors.list')!.ack({ ok: true, data: [] });
  });

  it('server events reach the handlers, also those registered before connecting', () => {
    const counts: unknown[] = [];
    chat.on('dialogs.counts', (c) => counts.push(c));
    sockets[0]!.push('dialogs.counts', { mine: 2, common: 0, archive: 0, important: 0, blocked: 0 });
    expect(counts).toEqual([{ mine: 2, common: 0, archive: 0, important: 0, blocked: 0 }]);
  });

  it('refused as "unauthorized" (token expired while down): refreshes once and connects again with the new token', async () => {
    const socket = sockets[0]!;
    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));
    await vi.waitFor(() => expect(socket.connectCalls).toBe(1));
    expect(socket.handshakeToken()).toBe('access-2');
    expect(chat.state()).toBe('reconnecting');
    // Refused again with that fresh token: give up (the session is over).
    socket.fire('connect_error', new Error('unauthorized'));
    backend.expectNone('/api/auth/refresh');
    await vi.waitFor(() => expect(chat.state()).toBe('refused'));
    expect(chat.refusal()).toBe('unauthorized');
  });

  it('a failed refresh leaves the chat refused', async () => {
    const socket = sockets[0]!;
    socket.active = false;
    socket.fire('connect_error', new Error('unauthorized'));
    backend.expectOne('/api/auth/refresh').flush(apiError('invalid_token', 'gone'), { status: 401, statusText: 'Unauthorized' });
    await vi.waitFor(() => expect(chat.state()).toBe('refused'));
    expect(socket.connectCalls).toBe(0);
  });

  it('transport errors keep retrying (socket.io does it) without touching the session', () => {
    sockets[0]!.fire('connect_error', new Error('xhr poll error'));
    expect(chat.state()).toBe('reconnecting');
    backend.expectNone('/api/auth/refresh');
  });
});
