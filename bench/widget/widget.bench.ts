import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { installCode } from '../../core/src/sites/install-code.js';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { freePort } from '../../scripts/lib/processes.mjs';
import { buildWidget } from '../../widget/build.mjs';
import { call, connectSocket } from '../support/sockets.js';
import { login, scratchDir, seedBenchAccount, startBenchCms, startCoreProcess } from '../support/stack.js';
import { kib, ms, summarize, table } from '../support/stats.js';

const LOADS = 10;

/** What the page's scripts stamp (watch-launcher.js and the inline script before the install code). */
interface Stamps {
  __t0?: number;
  __launcherAt?: number;
}

const gzipped = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Gzip sizes of what a visitor's browser downloads: the loader, the host, then the chat chunk and its shared chunks. */
function sizes(outDir: string, chatFile: string, hostFile: string): string[][] {
  const chunks = fs.existsSync(path.join(outDir, 'plugins/chunks')) ? fs.readdirSync(path.join(outDir, 'plugins/chunks')).filter((f) => f.endsWith('.js')).map((f) => path.join(outDir, 'plugins/chunks', f)) : [];
  const chat = [path.join(outDir, chatFile), ...chunks];
  return [
    ['widget/dist/loader.js', kib(fs.statSync(path.join(outDir, 'loader.js')).size), kib(gzipped(path.join(outDir, 'loader.js')))],
    [`widget/dist/${hostFile} (socket.io-client, slots, navigation)`, kib(fs.statSync(path.join(outDir, hostFile)).size), kib(gzipped(path.join(outDir, hostFile)))],
    [`widget/dist/${chatFile}`, kib(fs.statSync(chat[0]!).size), kib(gzipped(chat[0]!))],
    [`chat.js + its ${chunks.length} chunks (shared and lazy)`, kib(chat.reduce((n, f) => n + fs.statSync(f).size, 0)), kib(chat.reduce((n, f) => n + gzipped(f), 0))],
  ];
}

/**
 * Widget weight, and the time from the install code's script to a visible launcher in Debian's
 * Chromium against a real core with an operator online (cold cache and a new visitor each load).
 */
export async function widgetBench(): Promise<string> {
  const dir = scratchDir('widget');
  const outDir = path.join(dir, 'widget-dist');
  const { manifest } = await buildWidget({ outDir });
  const sizeRows = sizes(outDir, manifest.plugins.chat!, manifest.host);

  const pagePort = await freePort();
  const origin = `http://127.0.0.1:${pagePort}`;
  const cms = await startBenchCms(dir);
  let page: http.Server | undefined;
  let core: Awaited<ReturnType<typeof startCoreProcess>> | undefined;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const account = await seedBenchAccount(cms, 1, origin);
    core = await startCoreProcess(cms, { dir, env: { WIDGET_DIR: outDir } });
    const operator = await connectSocket(`${core.url}/chat`, { token: await login(core.url, account.operators[0]!) }, core.url);
    await call(operator, 'operator.status', { status: 'online' });

    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<script>window.__t0 = performance.now();</script>
${installCode(core.url, account.site.publicKey).afterBody}
<h1>Shop</h1></body></html>`;
    page = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => page!.listen(pagePort, '127.0.0.1', resolve));

    const fromScript: number[] = [];
    const fromNavigation: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.addInitScript({ path: path.join(import.meta.dirname, 'watch-launcher.js') });
      await tab.goto(origin);
      await tab.waitForFunction(() => (globalThis as Stamps).__launcherAt !== undefined, null, { timeout: 30_000 });
      const { t0, at } = await tab.evaluate(() => ({ t0: (globalThis as Stamps).__t0!, at: (globalThis as Stamps).__launcherAt! }));
      fromScript.push(at - t0);
      fromNavigation.push(at);
      await context.close();
    }
    operator.close();
    // The first load also warms up the fresh browser and the core's code paths: shown apart.
    const a = summarize(fromScript.slice(1));
    const b = summarize(fromNavigation.slice(1));
    return [
      'widget: sizes (gzip -9) of a fresh build',
      table([['file', 'raw', 'gzip'], ...sizeRows]),
      `launcher visible in Chromium (${LOADS} cold loads, new visitor each, core on 127.0.0.1 with an operator online)`,
      table([
        ['from', 'first load', `median of the next ${LOADS - 1}`, 'max of those'],
        ['install code script start', ms(fromScript[0]!), ms(a.p50), ms(a.max)],
        ['navigation start', ms(fromNavigation[0]!), ms(b.p50), ms(b.max)],
      ]),
    ].join('\n');
  } finally {
    await browser.close();
    page?.close();
    await core?.stop();
    await cms.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
