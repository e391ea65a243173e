import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';

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
