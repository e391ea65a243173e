import { DestroyRef, Injectable, InjectionToken, inject } from '@angular/core';
import type { Socket } from 'socket.io-client';
import { RealtimeService } from '../../../admin-ui/src/app/plugin-api';
import type { CallsAnswers, CallsFromClient, CallsToClient } from '../shared/calls.protocol';

/** How long a request waits for the server's acknowledgement before it counts as failed. */
export const CALLS_REQUEST_TIMEOUT_MS = 10_000;

/** A refusal from the server (`{ ok: false, error }`) or a request that timed out (`timeout`). */
export class CallsRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Ack = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } };
/** What a request's acknowledgement carries (`null` for the events that answer nothing). */
export type Answer<E extends keyof CallsFromClient> = E extends keyof CallsAnswers ? CallsAnswers[E] : null;

/**
 * Where the socket comes from: the shell's connection with the operator's session; a phone that
 * took a call over by its QR code connects with the hand-over's grant instead (phone-call.page.ts).
 */
export const CALLS_SOCKET_SOURCE = new InjectionToken<() => Socket>('CALLS_SOCKET_SOURCE', {
  factory: () => {
    const realtime = inject(RealtimeService);
    return () => realtime.namespace('/calls');
  },
});

/**
 * The panel's socket on `/calls`, over the shell's one connection (RealtimeService.namespace):
 * typed requests acknowledged `{ ok, data | error }`, typed server events, and "(re)connected"
 * listeners. One per session, in the plugin's background; closed with it.
 */
@Injectable()
export class CallsSocket {
  private readonly socket: Socket = inject(CALLS_SOCKET_SOURCE)();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.socket.removeAllListeners().disconnect());
  }

  onConnect(listener: () => void): void {
    this.socket.on('connect', listener);
  }

  /** Returns a remover (a listener of a component that goes before the session). */
  on<E extends keyof CallsToClient>(event: E, handler: (payload: CallsToClient[E]) => void): () => void {
    // socket.io's client socket is untyped (any event, any arguments); the types are checked here.
    const untyped = this.socket as { on(event: string, handler: (...args: never[]) => void): unknown; off(event: string, handler: (...args: never[]) => void): unknown };
    untyped.on(event, handler);
    return () => void untyped.off(event, handler);
  }

  /** Resolves with the acknowledgement's `data`; rejects with a CallsRequestError. */
  request<E extends keyof CallsFromClient>(event: E, payload: CallsFromClient[E]): Promise<Answer<E>> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(CALLS_REQUEST_TIMEOUT_MS).emit(event, payload, (err: Error | null, ack?: Ack) => {
        if (err || !ack) reject(new CallsRequestError('timeout', err?.message ?? 'No answer'));
        else if (ack.ok) resolve(ack.data as Answer<E>);
        else reject(new CallsRequestError(ack.error.code, ack.error.message));
      });
    });
  }
}
