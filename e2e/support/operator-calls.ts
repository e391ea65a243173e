import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';
import { connectSocket, type TestSocket } from '../../plugins/chat/test/chat-client.js';
import type { CallDto } from '../../plugins/calls/shared/calls.protocol.js';
import { apiAs } from './api.js';
import { stack } from './stack.js';

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
 * Ends every live call of `who` (ringing for them or under way) from a socket of its own: a test
 * that failed half-way must not leave the demo operator in a call for the next spec (it would end
 * as `left` only after the grace period). Never fails: it is a clean-up.
 */
export async function hangUpCalls(who: { email: string; password: string }): Promise<void> {
  const { coreUrl } = stack();
  let socket: TestSocket | undefined;
  try {
    socket = await connectSocket(coreUrl, { namespace: '/calls', probe: ['calls.mine', {}] }, (await apiAs(who)).token, coreUrl);
    for (const call of await socket.call<CallDto[]>('calls.mine', {})) if (call.state !== 'ended') await socket.raw('call.hangup', { callId: call.id });
  } catch (err) {
    console.warn(`could not hang up the calls of ${who.email}:`, err);
  } finally {
    socket?.close();
  }
}
