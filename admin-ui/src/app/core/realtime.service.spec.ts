import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Socket } from 'socket.io-client';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../testing/test-providers';
import { AuthService } from './auth.service';
import { RealtimeService, SOCKET_FACTORY } from './realtime.service';
import { TokenStorage } from './token-storage';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket to drive the service. */
class FakeSocket {
  readonly handlers = new Map<string, Handler[]>();
  connectCalls = 0;
  disconnected = false;
  constructor(readonly options: { auth: (cb: (data: object) => void) => void }) {}
  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  connect(): this {
    this.connectCalls++;
    return this;
  }
  disconnect(): this {
    this.disconnected = true;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  /** The auth payload the client would send on the next (re)connect. */
  handshakeAuth(): object {
    let data: object = {};
    this.options.auth((d) => (data = d));
    return data;
  }
}

describe('RealtimeService', () => {
  let sockets: FakeSocket[];
  let backend: HttpTestingController;
  let tokens: TokenStorage;
  let auth: AuthService;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    resetBrowserState('ru');
    sockets = [];
    TestBed.configureTestingModule({
      providers: [
        appTestProviders(),
        {
          provide: SOCKET_FACTORY,
          useValue: (uri: string, options: FakeSocket['options']) => {
            expect(uri).toBe('/panel');
            const socket = new FakeSocket(options);
            sockets.push(socket);
            return socket as unknown as Socket;
          },
        },
      ],
    });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStorage);
    auth = TestBed.inject(AuthService);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const login = firstValueFrom(auth.login('ivan@romashka.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    await login;
  });
  afterEach(() => backend.verify());

  it('connects to /panel with the current access token, also on reconnects', () => {
    const realtime = TestBed.inject(RealtimeService);
    realtime.connect();
    realtime.connect(); // idempotent
    expect(sockets.length).toBe(1);
    expect(sockets[0]?.handshakeAuth()).toEqual({ token: 'access-1' });
    tokens.set('access-9', 'refresh-9');
    expect(sockets[0]?.handshakeAuth()).toEqual({ token: 'access-9' });
    sockets[0]?.emit('connect');
    expect(realtime.state()).toBe('connected');
  });

  it('auth.revoked: clears the tokens and goes to /login with a notice', () => {
    TestBed.inject(RealtimeService).connect();
    sockets[0]?.emit('auth.revoked');
    expect(tokens.accessToken).toBeNull();
    expect(tokens.refreshToken).toBeNull();
    expect(auth.user()).toBeNull();
    expect(auth.signOutReason()).toBe('revoked');
    expect(sockets[0]?.disconnected).toBe(true);
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('auth.changed (an admin changed the role): refreshes the session, which brings the new role', async () => {
    TestBed.inject(RealtimeService).connect();
    expect(auth.isAdmin()).toBe(true);
    sockets[0]?.emit('auth.changed', {});
    backend.expectOne('/api/auth/refresh').flush(authResponse(2, makeUser({ role: 'operator' })));
    await vi.waitFor(() => expect(auth.isAdmin()).toBe(false));
    expect(tokens.refreshToken).toBe('refresh-2');
    expect(sockets[0]?.disconnected).toBe(false);
  });

  it('connect_error "unauthorized": refreshes once and reconnects', async () => {
    TestBed.inject(RealtimeService).connect();
    const socket = sockets[0] as FakeSocket;
    socket.emit('connect_error', new Error('unauthorized'));
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));
    await vi.waitFor(() => expect(socket.connectCalls).toBe(1));
    expect(socket.handshakeAuth()).toEqual({ token: 'access-2' });
    expect(tokens.refreshToken).toBe('refresh-2');
  });

  it('connect_error "unauthorized" with a rejected refresh ends the session', async () => {
    TestBed.inject(RealtimeService).connect();
    sockets[0]?.emit('connect_error', new Error('unauthorized'));
    backend.expectOne('/api/auth/refresh').flush(apiError('invalid_token', 'gone'), { status: 401, statusText: 'Unauthorized' });
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/login'));
    expect(tokens.refreshToken).toBeNull();
    expect(auth.signOutReason()).toBe('revoked');
  });

  it('a second "unauthorized" right after a successful refresh ends the session (no loop)', async () => {
    TestBed.inject(RealtimeService).connect();
    const socket = sockets[0] as FakeSocket;
    socket.emit('connect_error', new Error('unauthorized'));
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));
    await vi.waitFor(() => expect(socket.connectCalls).toBe(1));
    socket.emit('connect_error', new Error('unauthorized'));
    backend.expectNone('/api/auth/refresh');
    expect(tokens.refreshToken).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('other connection errors (server down) leave the session alone', () => {
    TestBed.inject(RealtimeService).connect();
    sockets[0]?.emit('connect_error', new Error('xhr poll error'));
    backend.expectNone('/api/auth/refresh');
    expect(tokens.refreshToken).toBe('refresh-1');
  });
});
