import type { Replayer } from '@rrweb/replay';
import type { CobrowseEvent } from '../shared/cobrowse.protocol';
import type { ObserveSession } from './observe-session';

/** E3's trail: the last stretch of the cursor's path, in the panel's primary colour. */
const TAIL = { duration: 800, lineCap: 'round', lineWidth: 3, strokeStyle: 'rgba(37, 99, 235, .55)' } as const;

/**
 * The visitor's page replayed live in `stage` (rrweb's Replayer in live mode, loaded on first
 * use). rrweb rebuilds the page in an iframe sandboxed `allow-same-origin` only: the page's
 * scripts do not run, and a sandboxed frame cannot navigate the panel; pointer events are off on
 * it (the view is for looking; stage 2's remote control goes through its own events). The replay
 * is scaled to fit the stage, the visitor's viewport kept whole.
 */
export class Replay {
  private replayer: Replayer | null = null;
  private early: CobrowseEvent[] = [];
  private closed = false;
  private readonly offFrames: () => void;
  private readonly resize = new ResizeObserver(() => this.fit());
  private size = { width: 0, height: 0 };

  constructor(
    private readonly stage: HTMLElement,
    session: ObserveSession,
    private mouse: boolean,
  ) {
    const load = import('@rrweb/replay');
    this.offFrames = session.onFrames((events) => {
      if (this.replayer) for (const e of events) this.replayer.addEvent(e as never);
      else {
        this.early.push(...events);
        void load.then((m) => this.open(m.Replayer));
      }
    });
    this.resize.observe(stage);
  }

  showMouse(on: boolean): void {
    this.mouse = on;
    this.replayer?.setConfig({ mouseTail: on ? TAIL : false });
  }

  close(): void {
    this.closed = true;
    this.offFrames();
    this.resize.disconnect();
    this.replayer?.destroy();
    this.replayer = null;
  }

  private open(ReplayerClass: typeof Replayer): void {
    if (this.replayer || this.closed || !this.early.length) return;
    const replayer = new ReplayerClass([], {
      root: this.stage,
      liveMode: true,
      mouseTail: this.mouse ? TAIL : false,
      UNSAFE_replayCanvas: false,
      showWarning: false,
      // Events are played as they come: the newest one's time is "now" on the visitor's clock.
      triggerFocus: false,
    });
    replayer.on('resize', (size) => {
      this.size = size as { width: number; height: number };
      this.fit();
    });
    replayer.startLive(this.early.at(-1)!.timestamp);
    replayer.iframe.style.pointerEvents = 'none';
    for (const e of this.early) replayer.addEvent(e as never);
    this.early = [];
    this.replayer = replayer;
  }

  /** The visitor's viewport scaled down (never up) to the stage, centred. */
  private fit(): void {
    const wrapper = this.replayer?.wrapper;
    if (!wrapper || !this.size.width) return;
    const scale = Math.min(1, this.stage.clientWidth / this.size.width, this.stage.clientHeight / this.size.height);
    wrapper.style.transformOrigin = 'top left';
    wrapper.style.transform = `scale(${scale})`;
    wrapper.style.left = `${Math.max(0, (this.stage.clientWidth - this.size.width * scale) / 2)}px`;
    wrapper.style.top = `${Math.max(0, (this.stage.clientHeight - this.size.height * scale) / 2)}px`;
  }
}
