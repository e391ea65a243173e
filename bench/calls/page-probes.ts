import type { BrowserContext, Page } from '@playwright/test';
import { recordPeers } from '../../e2e/support/webrtc.js';

/**
 * What the bench reads in the calls' pages, on one clock: every stamp is epoch milliseconds from
 * the page's `performance.timeOrigin + performance.now()`, so the panel's, the widget's and the
 * bench's own readings compare (one machine). The peer connections are those e2e/support/webrtc.ts's
 * `recordPeers` keeps in `window.__callpyPeers`.
 */
type ProbeWindow = { __callpyPeers: RTCPeerConnection[]; __firstAudio?: number | null; __acceptAt?: number };

/**
 * Prepares a context of the bench: its peer connections recorded (e2e/support/webrtc.ts), and
 * `__name` defined — tsx compiles the bench with esbuild's keepNames, which wraps the named
 * functions inside `page.evaluate` bodies in a helper the page does not have.
 */
export async function probeContext(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await recordPeers(context);
}

/**
 * Arms a watch of the connections the page opens from now on: the moment the first of them has
 * received audio bytes (getStats every 10 ms, as bare-pair.ts reads its baseline). Read it with
 * `firstAudio`.
 */
export function armFirstAudio(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const from = w.__callpyPeers.length;
    w.__firstAudio = null;
    const poll = async () => {
      for (const pc of w.__callpyPeers.slice(from)) {
        if (pc.connectionState === 'closed') continue;
        let bytes = 0;
        (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
        });
        if (bytes > 0) {
          w.__firstAudio = performance.timeOrigin + performance.now();
          return;
        }
      }
      setTimeout(() => void poll(), 10);
    };
    void poll();
  });
}

/** The stamp of `armFirstAudio` once audio came (waits for it). */
export async function firstAudio(page: Page, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as ProbeWindow).__firstAudio ?? false, null, { timeout: timeoutMs, polling: 50 });
  return (await handle.jsonValue()) as number;
}

/** Stamps the click on the ringing pop-up's «Принять» (a capture listener: before the panel's own handler runs). */
export function stampAccept(page: Page): Promise<void> {
  return page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element | null)?.closest?.('[data-testid="calls-ringing-accept"]')) (window as unknown as ProbeWindow).__acceptAt = performance.timeOrigin + performance.now();
      },
      { capture: true },
    );
  });
}

export const acceptStamp = (page: Page) => page.evaluate(() => (window as unknown as ProbeWindow).__acceptAt!);

/** Frames of the `/calls` namespace a page sends and receives over its WebSockets, counted by Playwright. */
export class CallsFrames {
  signals = 0;
  all = 0;

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      const count = ({ payload }: { payload: string | Buffer }) => {
        // socket.io over engine.io: `42/calls,…` an event, `43/calls,…` an acknowledgement.
        if (typeof payload !== 'string' || !/^4[23]\/calls,/.test(payload)) return;
        this.all++;
        if (payload.includes('"call.signal"')) this.signals++;
      };
      ws.on('framesent', count);
      ws.on('framereceived', count);
    });
  }

  /** The counts so far, and zero again. */
  take(): { signals: number; all: number } {
    const got = { signals: this.signals, all: this.all };
    this.signals = this.all = 0;
    return got;
  }
}
