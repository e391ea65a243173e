import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Socket } from 'socket.io-client';
import { AuthService, SOCKET_FACTORY } from '../../../../admin-ui/src/app/plugin-api';
import type { Ack } from '../../shared/chat.protocol';
import { ChatRequestError } from '../ui/chat-errors';
import type { ChatEvent, ChatRequest, EventPayload, RequestPayload, RequestResult } from './chat-wire';

/**
 * `connecting`: first attempt; `connected`; `reconnecting`: the connection dropped or cannot be made
 * and socket.io keeps trying; `refused`: the server said no (the chat is not enabled for the account,
 * or the session is gone) and nothing will retry.
 */
export type ChatConnection = 'connecting' | 'connected' | 'reconnecting' | 'refused';

/** How long a request waits for its acknowledgement before it counts as failed. */
export const REQUEST_TIMEOUT_MS = 10_000;

type Handler = (payload: never) => void;

/** socket.io's client socket is untyped (any event, any arguments); the types are checked in `on`. */
function attach(socket: Socket, event: ChatEvent, handler: Handler): void {
  socket.on(event, handler as (...args: unknown[]) => void);
}

/**
 * The panel's connection to namespace `/chat`: typed requests with acknowledgements, typed server
 * events, and the connection state the view shows. It authenticates like the core's panel socket
 * (RealtimeService): the handshake reads the newest access token on every (re)connect. One instance
 * per session, in the chat's background part (chat-background.ts): connected on every page of the
 * panel — it is what keeps the operator online for visitors — and closed when the shell stops it.
 */
@Injectable()
export class ChatSocket {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(SOCKET_FACTORY);
  private socket: Socket | null = null;
  private readonly handlers: [ChatEvent, Handler][] = [];
  private readonly connectListeners: (() => void)[] = [];
  /** The token of the last handshake: a refusal with an older token than the current one just retries. */
  private sentToken = '';
  private refreshTried = false;

  readonly state = signal<ChatConnection>('connecting');
  /** The server's reason when `state` is `refused` (e.g. `plugin_disabled`, `unauthorized`). */
  readonly refusal = signal<string | null>(null);

  constructor() {
    // The page is gone: stop listening first, so closing the socket changes no state.
    inject(DestroyRef).onDestroy(() => {
      this.socket?.removeAllListeners().disconnect();
      this.socket = null;
    });
  }

  connect(): void {
    if (this.socket) return;
    this.state.set('connecting');
    const socket = this.createSocket('/chat', {
      auth: (cb) => {
        this.sentToken = this.auth.accessToken ?? '';
        cb({ token: this.sentToken });
      },
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => {
      this.refreshTried = false;
      this.refusal.set(null);
      this.state.set('connected');
      for (const listener of this.connectListeners) listener();
    });
    socket.on('disconnect', () => {
      if (this.socket) this.state.set('reconnecting');
    });
    socket.on('connect_error', (err: Error) => void this.onConnectError(socket, err));
    for (const [event, handler] of this.handlers) attach(socket, event, handler);
    this.socket = socket;
  }

  /** Runs after every successful (re)connect — the place to (re)load state. */
  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }

  on<E extends ChatEvent>(event: E, handler: (payload: EventPayload<E>) => void): void {
    this.handlers.push([event, handler as Handler]);
    if (this.socket) attach(this.socket, event, handler as Handler);
  }

  get connected(): boolean {
    return this.state() === 'connected';
  }

  /**
   * Emits now and hands the raw acknowledgement to `ack` whenever it comes (no timeout here: the
   * outbox keeps waiting for late answers). Returns false, sending nothing, while disconnected —
   * socket.io would otherwise buffer the packet and send it again on reconnect.
   */
  emit<E extends ChatRequest>(event: E, payload: RequestPayload<E>, ack: (result: Ack<RequestResult<E>>) => void): boolean {
    if (!this.socket || !this.connected) return false;
    this.socket.emit(event, payload, ack);
    return true;
  }

  /** A request: resolves with the acknowledged data, rejects with a ChatRequestError. */
  request<E extends ChatRequest>(event: E, payload: RequestPayload<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RequestResult<E>> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new ChatRequestError('timeout', ''));
      }, timeoutMs);
      const sent = this.emit(event, payload, (result) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (result.ok) resolve(result.data);
        else reject(new ChatRequestError(result.error.code, result.error.message));
      });
      if (!sent) {
        settled = true;
        clearTimeout(timer);
        reject(new ChatRequestError('offline', ''));
      }
    });
  }

  private async onConnectError(socket: Socket, err: Error): Promise<void> {
    // Transport errors (server down, network gone): socket.io retries by itself.
    if (socket.active) {
      this.state.set('reconnecting');
      return;
    }
    // The server's middleware refused the handshake; socket.io will not retry on its own.
    if (err.message === 'unauthorized') {
      // The 15-minute access token may have expired while the socket was down. Another part of the
      // panel may have refreshed it meanwhile; if not, refresh once (the refresh is shared).
      const current = this.auth.accessToken ?? '';
      if (current && current !== this.sentToken) return this.retry(socket);
      if (!this.refreshTried) {
        this.refreshTried = true;
        try {
          await firstValueFrom(this.auth.refreshAccessToken());
          return this.retry(socket);
        } catch {
          /* the session is over: the panel's own socket takes the user to the sign-in page */
        }
      }
    }
    if (this.socket !== socket) return;
    this.refusal.set(err.message);
    this.state.set('refused');
  }

  private retry(socket: Socket): void {
    if (this.socket !== socket) return;
    this.state.set('reconnecting');
    socket.connect();
  }
}
