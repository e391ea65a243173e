import { expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';

/** Chromium's fake camera and microphone (a test pattern and a beep), allowed without a prompt; real ICE host addresses. */
export const MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'];

/** A context allowed the camera and microphone. */
export const mediaContext: BrowserContextOptions = { permissions: ['camera', 'microphone'] };

/**
 * How the calls tests read what flows: every RTCPeerConnection the page makes is kept in
 * `window.__callpyPeers` (an init script that wraps the constructor before any page script runs),
 * so the panel and the widget are measured alike by `getStats()`, with nothing in their own code
 * for tests.
 */
export async function recordPeers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __callpyPeers: RTCPeerConnection[] }).__callpyPeers = peers;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.push(this);
      }
    };
    // And every camera, microphone and screen track it is given, to check none is left on after a call.
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __callpyTracks: MediaStreamTrack[] }).__callpyTracks = tracks;
    const media = navigator.mediaDevices;
    for (const name of ['getUserMedia', 'getDisplayMedia'] as const) {
      const native = media[name].bind(media);
      media[name] = async (constraints?: MediaStreamConstraints) => {
        const stream = await native(constraints);
        tracks.push(...stream.getTracks());
        return stream;
      };
    }
  });
}

/** The camera, microphone and screen tracks the page still holds live. */
export function liveTracks(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __callpyTracks: MediaStreamTrack[] }).__callpyTracks.filter((t) => t.readyState === 'live').map((t) => t.kind));
}

/** Bytes received so far of a kind over the page's open peer connections. */
export function inboundBytes(page: Page, kind: 'audio' | 'video'): Promise<number> {
  return page.evaluate(async (kind) => {
    let bytes = 0;
    for (const pc of (window as unknown as { __callpyPeers: RTCPeerConnection[] }).__callpyPeers) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === kind) bytes += r.bytesReceived ?? 0;
      });
    }
    return bytes;
  }, kind);
}

/**
 * The page receives media of that kind, and more of it a moment later: it flows, not just arrived
 * once. "More" is any rise: the fake microphone beeps once a second and Opus sends little between
 * the beeps, so on a busy machine a few seconds may bring a few hundred bytes only.
 */
export async function expectFlowing(page: Page, kind: 'audio' | 'video'): Promise<void> {
  await expect.poll(() => inboundBytes(page, kind), { timeout: 20_000, message: `${kind} reaches ${page.url()}` }).toBeGreaterThan(0);
  const before = await inboundBytes(page, kind);
  await expect.poll(() => inboundBytes(page, kind), { timeout: 10_000, message: `${kind} keeps coming to ${page.url()}` }).toBeGreaterThan(before);
}

/** Bytes of a kind received so far by each of the page's peer connections (its index among them: null once closed). */
function inboundByPeer(page: Page, kind: 'audio' | 'video'): Promise<(number | null)[]> {
  return page.evaluate(async (kind) => {
    const out: (number | null)[] = [];
    for (const pc of (window as unknown as { __callpyPeers: RTCPeerConnection[] }).__callpyPeers) {
      if (pc.connectionState === 'closed') {
        out.push(null);
        continue;
      }
      let bytes = 0;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === kind) bytes += r.bytesReceived ?? 0;
      });
      out.push(bytes);
    }
    return out;
  }, kind);
}

/**
 * D4, a call of three or more: `count` of the page's open connections — one a participant — each
 * receive media of that kind, and each more a moment later (every other participant is heard, not
 * just one of them).
 */
export async function expectEachFlowing(page: Page, kind: 'audio' | 'video', count: number): Promise<void> {
  const receiving = async () => (await inboundByPeer(page, kind)).filter((b) => b !== null && b > 0).length;
  await expect.poll(receiving, { timeout: 20_000, message: `${kind} reaches ${page.url()} from ${count} peers` }).toBeGreaterThanOrEqual(count);
  const before = await inboundByPeer(page, kind);
  const rising = async () => {
    const now = await inboundByPeer(page, kind);
    return before.filter((b, i) => b !== null && b > 0 && (now[i] ?? 0) > b).length;
  };
  await expect.poll(rising, { timeout: 10_000, message: `${kind} keeps coming to ${page.url()} from ${count} peers` }).toBeGreaterThanOrEqual(count);
}

/**
 * Watches the bytes of a kind the page receives, every 100 ms, over all its peer connections (one
 * closing — the leg a hand-over let go — does not count as a drop: each connection's own bytes are
 * compared with its previous reading). The returned stop gives the longest time in which no
 * connection received anything more: a hand-over must not leave the visitor in silence.
 */
export async function watchInbound(page: Page, kind: 'audio' | 'video'): Promise<() => Promise<{ longestStallMs: number; samples: number }>> {
  await page.evaluate((kind) => {
    const w = window as unknown as { __callpyWatch?: { timer: ReturnType<typeof setInterval>; last: Map<RTCPeerConnection, number>; lastRise: number; longest: number; samples: number } };
    const state = { timer: 0 as unknown as ReturnType<typeof setInterval>, last: new Map<RTCPeerConnection, number>(), lastRise: performance.now(), longest: 0, samples: 0 };
    let busy = false;
    state.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void (async () => {
        let rose = false;
        for (const pc of (window as unknown as { __callpyPeers: RTCPeerConnection[] }).__callpyPeers) {
          if (pc.connectionState === 'closed') continue;
          let bytes = 0;
          (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === kind) bytes += r.bytesReceived ?? 0;
          });
          if (bytes > (state.last.get(pc) ?? 0)) rose = true;
          state.last.set(pc, bytes);
        }
        const now = performance.now();
        state.samples++;
        if (rose) state.lastRise = now;
        state.longest = Math.max(state.longest, now - state.lastRise);
        busy = false;
      })();
    }, 100);
    w.__callpyWatch = state;
  }, kind);
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __callpyWatch: { timer: ReturnType<typeof setInterval>; longest: number; samples: number } };
      clearInterval(w.__callpyWatch.timer);
      return { longestStallMs: Math.round(w.__callpyWatch.longest), samples: w.__callpyWatch.samples };
    });
}
