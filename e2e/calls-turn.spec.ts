import path from 'node:path';
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { connectChat, connectSocket, type TestSocket } from '../plugins/chat/test/chat-client.js';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import type { CallDto, CallJoin, CallSignal } from '../plugins/calls/shared/calls.protocol.js';
import type * as CallPeerModule from '../plugins/calls/browser/call-peer.js';
import type { CoreProcess } from './support/core-process.js';
import { coturnEnv, startCoturn } from './support/coturn.js';
import { startPageServer } from './support/page-server.js';
import { startSiteCore, visitorSession } from './support/site-core.js';
import { stack } from './support/stack.js';

/**
 * Issue 11: a call through a real coturn. The built core hands out TURN credentials from the
 * shared secret (coturn's REST-API scheme) with `iceTransportPolicy: 'relay'`; two browser pages
 * — the visitor's leg and the operator's — connect with the real `browser/call-peer.ts`, their
 * signalling relayed by the server leg to leg. The selected candidate pair is relay on both
 * ends and audio bytes flow both ways (getStats).
 */
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  },
});

const CALLS = { namespace: '/calls', probe: ['calls.mine', {}] as [string, unknown] };

/** The shared peer as a script for a page: `window.CallPeerLib.CallPeer`. */
async function callPeerScript(): Promise<string> {
  const out = await build({ entryPoints: [path.resolve(import.meta.dirname, '../plugins/calls/browser/call-peer.ts')], bundle: true, format: 'iife', globalName: 'CallPeerLib', write: false, target: 'es2022' });
  return out.outputFiles[0]!.text;
}

/**
 * A leg in a page: its signals go out through the leg's socket, the other leg's come back into it
 * (in order, waiting until its peer exists). Wired first; the returned start makes the CallPeer
 * with the server's ICE servers and policy and sends the fake microphone — once both pages listen.
 */
async function legInPage(page: Page, script: string, socket: TestSocket, join: CallJoin, otherLegId: string): Promise<() => Promise<void>> {
  await page.addScriptTag({ content: script });
  await page.exposeFunction('sendSignal', (signal: CallSignal) => socket.call('call.signal', { callId: join.call.id, from: join.legId, to: otherLegId, signal }));
  let ready!: () => void;
  let chain = new Promise<void>((resolve) => (ready = resolve));
  socket.socket.on('call.signal', (m: { to: string; signal: CallSignal }) => {
    if (m.to !== join.legId) return;
    chain = chain
      .then(() => page.evaluate((signal) => (window as unknown as { leg: { receive(s: unknown): Promise<void> } }).leg.receive(signal), m.signal))
      // A candidate of an offer that perfect negotiation ignored fails to apply; the peer goes on.
      .catch(() => undefined);
  });
  return async () => {
    await page.evaluate(
      async ({ iceServers, iceTransportPolicy, polite }) => {
        const lib = (window as unknown as { CallPeerLib: typeof CallPeerModule }).CallPeerLib;
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        const peer = new lib.CallPeer({
          iceServers,
          iceTransportPolicy,
          polite,
          send: (signal) => void (window as unknown as { sendSignal(s: unknown): Promise<void> }).sendSignal(signal),
          onStream: () => undefined,
        });
        (window as unknown as { leg: unknown }).leg = peer;
        await peer.setTrack('audio', stream.getAudioTracks()[0]!, stream);
      },
      { iceServers: join.iceServers, iceTransportPolicy: join.iceTransportPolicy, polite: join.legId < otherLegId },
    );
    ready();
  };
}

/** The selected pair's candidate types and the audio bytes received so far. */
function relayStats(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as { leg: { pc: RTCPeerConnection } }).leg.pc;
    const reports: Record<string, unknown>[] = [];
    (await pc.getStats()).forEach((r: Record<string, unknown>) => reports.push(r));
    const transport = reports.find((r) => r.type === 'transport');
    const pair = reports.find((r) => r.id === transport?.selectedCandidatePairId);
    const kind = (id: unknown) => reports.find((r) => r.id === id)?.candidateType;
    const bytes = reports.filter((r) => r.type === 'inbound-rtp' && r.kind === 'audio').reduce((sum, r) => sum + Number(r.bytesReceived ?? 0), 0);
    return { local: kind(pair?.localCandidateId), remote: kind(pair?.remoteCandidateId), state: pc.connectionState, bytes };
  });
}

test('a call through coturn with iceTransportPolicy relay: relay candidates selected, audio flows both ways', async ({ browser }) => {
  test.setTimeout(120_000);
  const { operator } = stack();
  const turn = await startCoturn();
  const shop = await startPageServer();
  let core: CoreProcess | undefined;
  const sockets: TestSocket[] = [];
  const contexts = [await browser.newContext(), await browser.newContext()];
  try {
    const started = await startSiteCore({ name: 'TURN core', file: 'turn-core', siteUrl: shop.url, siteName: 'TURN shop', extraEnv: coturnEnv(turn, 'relay') });
    core = started.core;
    const coreUrl = core.url;
    const { visitorToken } = (await (await visitorSession(coreUrl, shop.url, started.publicKey)).json()) as { visitorToken: string };
    const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };

    const visitorChat = await connectChat(coreUrl, visitorToken, shop.url);
    sockets.push(visitorChat);
    await visitorChat.call('visitor.hello', { page: { url: `${shop.url}/`, title: 'TURN shop', referrer: '' }, activity: 'active' });
    const { dialogId } = await visitorChat.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'Call me, please' });
    const visitorCalls = await connectSocket(coreUrl, CALLS, visitorToken, shop.url);
    const operatorCalls = await connectSocket(coreUrl, CALLS, login.accessToken, coreUrl);
    sockets.push(visitorCalls, operatorCalls);

    const call = await operatorCalls.call<CallDto>('call.start', { dialogId });
    const active = operatorCalls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const visitorJoin = await visitorCalls.call<CallJoin>('call.accept', { callId: call.id });
    await active;
    const operatorJoin = await operatorCalls.call<CallJoin>('call.join', { callId: call.id });
    // The server's ICE: only its TURN, with a credential per leg, and the relay policy.
    for (const join of [visitorJoin, operatorJoin]) {
      expect(join.iceTransportPolicy).toBe('relay');
      expect(join.iceServers).toEqual([{ urls: turn.urls, username: expect.stringMatching(new RegExp(`^\\d+:${join.legId}$`)), credential: expect.any(String) }]);
    }

    const script = await callPeerScript();
    const [visitorPage, operatorPage] = await Promise.all(contexts.map(async (context) => {
      await context.grantPermissions(['microphone', 'camera'], { origin: shop.url });
      const page = await context.newPage();
      await page.goto(shop.url);
      return page;
    }));
    const starts = [await legInPage(visitorPage!, script, visitorCalls, visitorJoin, operatorJoin.legId), await legInPage(operatorPage!, script, operatorCalls, operatorJoin, visitorJoin.legId)];
    for (const start of starts) await start();

    for (const page of [visitorPage!, operatorPage!]) {
      await expect.poll(() => relayStats(page), { timeout: 30_000 }).toMatchObject({ state: 'connected', local: 'relay', remote: 'relay' });
      const first = (await relayStats(page)).bytes;
      await expect.poll(async () => (await relayStats(page)).bytes, { timeout: 15_000 }).toBeGreaterThan(first);
    }
    await operatorCalls.call('call.hangup', { callId: call.id });
  } finally {
    for (const s of sockets) s.close();
    for (const context of contexts) await context.close();
    await core?.stop();
    await shop.close();
    await turn.stop();
  }
});
