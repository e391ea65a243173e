import { DestroyRef, Injectable, inject } from '@angular/core';
import type { Socket } from 'socket.io-client';
import { RealtimeService } from '../../../admin-ui/src/app/plugin-api';
import type { CobrowseAnswers, CobrowseFromPanel, CobrowseToPanel } from '../shared/cobrowse.protocol';

const REQUEST_TIMEOUT_MS = 10_000;

/** A refusal from the server, or `timeout`. */
export class CobrowseRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Ack = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } };
type Answer<E> = E extends keyof CobrowseAnswers ? CobrowseAnswers[E] : null;

/** The panel's socket on `/cobrowse` over the shell's one connection: typed requests and server events. */
@Injectable()
export class CobrowseSocket {
  private readonly socket: Socket = inject(RealtimeService).namespace('/cobrowse');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.socket.removeAllListeners().disconnect());
  }

  on<E extends keyof CobrowseToPanel>(event: E, handler: (payload: CobrowseToPanel[E]) => void): () => void {
    // socket.io's client socket is untyped (any event, any arguments); the types are checked here.
    const s = this.socket as { on(e: string, h: (...a: never[]) => void): unknown; off(e: string, h: (...a: never[]) => void): unknown };
    s.on(event, handler);
    return () => void s.off(event, handler);
  }

  /** Resolves with the acknowledgement's `data`; rejects with a CobrowseRequestError. */
  request<E extends keyof CobrowseFromPanel>(event: E, payload: CobrowseFromPanel[E]): Promise<Answer<E>> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(REQUEST_TIMEOUT_MS).emit(event, payload, (err: Error | null, ack?: Ack) => {
        if (err || !ack) reject(new CobrowseRequestError('timeout', err?.message ?? 'No answer'));
        else if (ack.ok) resolve(ack.data as Answer<E>);
        else reject(new CobrowseRequestError(ack.error.code, ack.error.message));
      });
    });
  }
}
