import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { DialogContext } from '../../../admin-ui/src/app/plugin-api';
import type { CobrowseEndReason, CobrowseEvent } from '../shared/cobrowse.protocol';
import { CobrowseRequestError, CobrowseSocket } from './cobrowse-socket';

/** `starting`: asked the server; `asking`: the visitor sees the prompt; `live`: their page comes; `ended`: why is `endReason`. */
/** rrweb's Meta event: a page (or tab) starts; its full snapshot follows. */
const META = 4;

export type ObservePhase = 'idle' | 'starting' | 'asking' | 'live' | 'ended';

/**
 * This panel's one observation (E1): started from the dialog toolbar, followed by the server's
 * state and end, stopped here. The replay (ObserveWindow) subscribes to the frames with `onFrames`.
 */
@Injectable()
export class ObserveSession {
  private readonly socket = inject(CobrowseSocket);
  readonly phase = signal<ObservePhase>('idle');
  readonly endReason = signal<CobrowseEndReason | null>(null);
  /** A refusal's code (cobrowse-error-codes.ts, or the core's). */
  readonly error = signal<string | null>(null);
  private sessionId: string | null = null;
  private readonly frameListeners = new Set<(events: CobrowseEvent[]) => void>();
  /** Since the last page start (Meta): what a replay opened now needs first. */
  private kept: CobrowseEvent[] = [];

  constructor() {
    const off = [
      this.socket.on('cobrowse.state', (s) => s.sessionId === this.sessionId && this.phase.set(s.state)),
      this.socket.on('cobrowse.frames', (f) => {
        if (f.sessionId !== this.sessionId) return;
        const meta = f.events.map((e) => e.type).lastIndexOf(META);
        this.kept = meta >= 0 ? f.events.slice(meta) : [...this.kept, ...f.events];
        for (const listener of this.frameListeners) listener(f.events);
      }),
      this.socket.on('cobrowse.ended', (e) => {
        if (e.sessionId !== this.sessionId) return;
        this.sessionId = null;
        this.endReason.set(e.reason);
        this.phase.set('ended');
      }),
    ];
    inject(DestroyRef).onDestroy(() => off.forEach((f) => f()));
  }

  async start(context: DialogContext): Promise<void> {
    if (this.sessionId) await this.stop();
    this.error.set(null);
    this.endReason.set(null);
    this.phase.set('starting');
    this.kept = [];
    try {
      const session = await this.socket.request('cobrowse.start', { dialogId: context.dialogId });
      this.sessionId = session.sessionId;
      // `ended` may have come first (a refusal at once): keep it.
      if (this.phase() === 'starting') this.phase.set(session.state);
    } catch (err) {
      this.error.set(err instanceof CobrowseRequestError ? err.code : 'timeout');
      this.phase.set('ended');
    }
  }

  async stop(): Promise<void> {
    const id = this.sessionId;
    this.sessionId = null;
    this.kept = [];
    this.phase.set('idle');
    if (id) await this.socket.request('cobrowse.stop', { sessionId: id }).catch(() => undefined);
  }

  dismiss(): void {
    if (this.phase() === 'ended') this.phase.set('idle');
  }

  /** `listener` gets what came since the page's start at once, then every batch. */
  onFrames(listener: (events: CobrowseEvent[]) => void): () => void {
    if (this.kept.length) listener(this.kept);
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }
}
