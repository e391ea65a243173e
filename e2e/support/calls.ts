import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';

/** Chromium's fake camera, microphone and screen, with nothing to click (issue 11's "Done means"). */
export const MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns', '--autoplay-policy=no-user-gesture-required'];

let bundle: Promise<string> | null = null;

/** call-operator.ts as one script (socket.io-client and the real CallPeer inside). */
function operatorScript(): Promise<string> {
  bundle ??= build({ entryPoints: [path.resolve(import.meta.dirname, 'call-operator.ts')], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'warning' }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/**
 * An operator's call side in a page of the core's origin (the only origin the core takes an
 * operator's socket from), signed in with `token`, online in the chat so that visitors' calls ring.
 * The context needs `bypassCSP` (the core's pages allow no inline script) and media permissions.
 */
export async function operatorCallPage(context: BrowserContext, coreUrl: string, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${coreUrl}/healthz`);
  await page.addScriptTag({ content: await operatorScript() });
  await page.evaluate(([base, t]) => window.connectOperator(base!, t!), [coreUrl, token]);
  return page;
}

/**
 * Every RTCPeerConnection a page makes, kept in `window.__pcs`, so a test reads what the widget's
 * own connections receive (getStats) without the widget exposing anything.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Bytes of a kind the page's open peer connections have received. */
export function pageInbound(page: Page, kind: 'audio' | 'video'): Promise<number> {
  return page.evaluate(async (k) => {
    let sum = 0;
    for (const pc of (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === k) sum += r.bytesReceived ?? 0;
      });
    }
    return sum;
  }, kind);
}
