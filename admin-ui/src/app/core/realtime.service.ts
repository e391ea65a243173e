import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client';
import { AuthService } from './auth.service';

export type SocketFactory = (uri: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;

/** How sockets are made; tests replace it with a fake socket. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => io,
});

export type RealtimeState = 'disconnected' | 'connecting' | 'connected';

/**
 * The panel's socket.io connection (namespace `/panel`, same origin). It authenticates with the
 * current access token on every (re)connect. The server emits `auth.revoked` when the user was
 * disconnected or signed out elsewhere: the session ends at once. A `connect_error` "unauthorized"
 * usually means the 15-minute access token expired while the socket was down, so one refresh is
 * tried first; if that is rejected too, the session ends.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(SOCKET_FACTORY);
  private socket: Socket | null = null;
  private refreshing = false;
  /** Set after a refresh-and-reconnect; a second "unauthorized" before a successful connect ends the session. */
  private retried = false;
  readonly state = signal<RealtimeState>('disconnected');
  /** How many times `/panel` has connected this session: a rise past 1 is a reconnect. */
  readonly connects = signal(0);
  private readonly panelHandlers = new Map<string, Set<(payload: unknown) => void>>();

  connect(): void {
    if (this.socket) return;
    this.state.set('connecting');
    const socket = this.createSocket('/panel', {
      // A function, so each reconnect sends the newest token rather than the one from page load.
      auth: (cb) => cb({ token: this.auth.accessToken ?? '' }),
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => {
      this.retried = false;
      this.state.set('connected');
      this.connects.update((n) => n + 1);
    });
    for (const [event, handlers] of this.panelHandlers) for (const handler of handlers) socket.on(event, handler);
    socket.on('disconnect', () => this.state.set(this.socket ? 'connecting' : 'disconnected'));
    socket.on('auth.revoked', () => this.revoked());
    // The user's role changed (an admin changed it): the refreshed session carries the new one.
    socket.on('auth.changed', () => void firstValueFrom(this.auth.refreshAccessToken()).catch(() => undefined));
    socket.on('connect_error', (err: Error) => {
      if (err.message === 'unauthorized') void this.retryAfterRefresh();
    });
    this.socket = socket;
  }

  disconnect(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
    this.state.set('disconnected');
    this.connects.set(0);
  }

  /** Listens to a core notice on `/panel` (e.g. `plugins.changed`), across reconnects; returns the unsubscribe. */
  onPanelEvent(event: string, handler: (payload: unknown) => void): () => void {
    const handlers = this.panelHandlers.get(event) ?? new Set();
    this.panelHandlers.set(event, handlers.add(handler));
    this.socket?.on(event, handler);
    return () => {
      handlers.delete(handler);
      this.socket?.off(event, handler);
    };
  }

  /**
   * A socket on a plugin's namespace (e.g. `/goals`) of the shell's connection: socket.io
   * multiplexes it over the same Manager, so one WebSocket carries them all. It authenticates like
   * `/panel`, with the newest access token on every (re)connect. The caller closes it.
   */
  namespace(nsp: string): Socket {
    return this.createSocket(nsp, {
      auth: (cb) => cb({ token: this.auth.accessToken ?? '' }),
      transports: ['websocket', 'polling'],
    });
  }

  /** The underlying socket for plugin pages that subscribe to their own events. */
  get connection(): Socket | null {
    return this.socket;
  }

  private revoked(): void {
    this.disconnect();
    this.auth.endSession('revoked');
  }

  private async retryAfterRefresh(): Promise<void> {
    if (this.refreshing) return;
    if (this.retried) {
      this.revoked();
      return;
    }
    this.refreshing = true;
    this.retried = true;
    try {
      await firstValueFrom(this.auth.refreshAccessToken());
      this.socket?.connect();
    } catch {
      this.revoked();
    } finally {
      this.refreshing = false;
    }
  }
}
