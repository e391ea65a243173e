import fs from 'node:fs';
import http from 'node:http';
import { chromium, type Page } from '@playwright/test';
import type { Socket } from 'socket.io-client';
import { installCode } from '../../core/src/sites/install-code.js';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { freePort } from '../../scripts/lib/processes.mjs';
import type { CobrowseEvent } from '../../plugins/cobrowse/shared/cobrowse.protocol.js';
import { call, connectSocket } from '../support/sockets.js';
import { login, scratchDir, seedBenchAccount, startBenchCms, startCoreProcess } from '../support/stack.js';
import { kib, ms, summarize, table } from '../support/stats.js';

/** How long each page is observed, and how many visitor changes are timed on it. */
const OBSERVE_MS = 20_000;
const MARKS = 30;

/** A shop page (text, a form, pictures as blocks); `busy` adds a ticker that rewrites 20 rows every 50 ms. */
const pageHtml = (code: string, busy: boolean) => `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<style>body{font:16px sans-serif;margin:0;padding:24px}.card{display:inline-block;width:220px;height:160px;margin:8px;background:#eef2ff}</style></head><body>
${code}
<h1>Чайники</h1><p id="mark">-</p>
<form><input name="q" placeholder="Поиск"><button>Найти</button></form>
${Array.from({ length: 40 }, (_, i) => `<div class="card"><b>Товар ${i}</b><p>Описание товара номер ${i}, цена ${1000 + i * 10} ₽</p></div>`).join('')}
<ul id="ticker">${'<li>-</li>'.repeat(20)}</ul>
${busy ? `<script>setInterval(() => { for (const li of document.querySelectorAll('#ticker li')) li.textContent = 'Курс ' + Math.random().toFixed(6); }, 50);</script>` : ''}
</body></html>`;

interface Run {
  bytesPerMinute: number;
  eventsPerMinute: number;
  wirePerMinute: number;
  delays: number[];
}

/** The visitor's page observed by an operator's socket: what reaches the operator per minute, and how late a change arrives. */
async function observe(page: Page, origin: string, operator: Socket, chat: Socket): Promise<Run> {
  let wire = 0;
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => void (typeof payload === 'string' ? undefined : (wire += payload.length))));
  await page.goto(origin);
  await page.getByTestId('cp-launcher').waitFor();
  // Strings: this file is type-checked for Node, without the DOM's types.
  const visitorId = (await page.evaluate('Callpy.ready.then((r) => r.visitorId)')) as string;
  const dialogId = (await call<{ id: string }>(chat, 'dialog.start', { visitorId })).id;
  let bytes = 0;
  let events = 0;
  const seen = new Map<string, number>();
  const onFrames = (f: { events: CobrowseEvent[] }) => {
    const text = JSON.stringify(f.events);
    bytes += Buffer.byteLength(text);
    events += f.events.length;
    for (const [, mark] of text.matchAll(/mark-(\d+)/g)) if (!seen.has(mark!)) seen.set(mark!, Date.now());
  };
  operator.on('cobrowse.frames', onFrames);
  const session = await call<{ sessionId: string }>(operator, 'cobrowse.start', { dialogId });
  await page.getByTestId('cobrowse-allow').click();
  await page.waitForFunction(`document.querySelector('callpy-cobrowse')?.shadowRoot?.querySelector('[data-testid="cobrowse-banner"]')`);
  // The first snapshot is in: from here the counts are a steady minute's.
  while (!bytes) await new Promise((r) => setTimeout(r, 50));
  [bytes, events, wire] = [0, 0, 0];
  const started = Date.now();
  const changed = new Map<string, number>();
  for (let i = 0; i < MARKS; i++) {
    changed.set(String(i), Date.now());
    await page.evaluate(`document.getElementById('mark').textContent = 'mark-${i}'`);
    await new Promise((r) => setTimeout(r, OBSERVE_MS / MARKS));
  }
  const elapsed = Date.now() - started;
  operator.off('cobrowse.frames', onFrames);
  await call(operator, 'cobrowse.stop', { sessionId: session.sessionId });
  const perMinute = (n: number) => (n * 60_000) / elapsed;
  return {
    bytesPerMinute: perMinute(bytes),
    eventsPerMinute: perMinute(events),
    wirePerMinute: perMinute(wire),
    delays: [...changed].filter(([m]) => seen.has(m)).map(([m, at]) => seen.get(m)! - at),
  };
}

/**
 * Co-browsing (E1): bytes a minute of observation on a typical page and on a busy one (a DOM
 * rewritten every 50 ms), as JSON reaching the operator and as gzip on the visitor's wire, and the
 * delay from a change on the visitor's page to its events at the operator's socket, on loopback
 * (Debian's Chromium, a real core). The busy page is shown as a ratio of the typical one.
 */
export async function cobrowseBench(): Promise<string> {
  const dir = scratchDir('cobrowse');
  const pagePort = await freePort();
  const origin = `http://127.0.0.1:${pagePort}`;
  const cms = await startBenchCms(dir);
  let server: http.Server | undefined;
  let core: Awaited<ReturnType<typeof startCoreProcess>> | undefined;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const account = await seedBenchAccount(cms, 1, origin);
    // Co-browsing is not in the free plan (billing's default plan set): the account has a paid one.
    const licence = await fetch(`${cms.url}/api/callpy/billing-licences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cms.secrets.CMS_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { account: account.accountId, plan: 'pro', seats: 5, paidUntil: new Date(Date.now() + 86_400_000).toISOString() } }),
    });
    if (!licence.ok) throw new Error(`licence: ${licence.status}`);
    core = await startCoreProcess(cms, { dir });
    const token = await login(core.url, account.operators[0]!);
    const chat = await connectSocket(`${core.url}/chat`, { token }, core.url);
    await call(chat, 'operator.status', { status: 'online' });
    const operator = await connectSocket(`${core.url}/cobrowse`, { token }, core.url);
    let busy = false;
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(installCode(core!.url, account.site.publicKey).afterBody, busy)));
    await new Promise<void>((resolve) => server!.listen(pagePort, '127.0.0.1', resolve));

    const runs: Run[] = [];
    for (const mode of [false, true]) {
      busy = mode;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      runs.push(await observe(page, origin, operator, chat));
      await context.close();
    }
    chat.close();
    operator.close();
    const [typical, heavy] = runs as [Run, Run];
    const row = (name: string, r: Run) => {
      const d = summarize(r.delays);
      return [name, kib(r.bytesPerMinute), (r.bytesPerMinute / typical.bytesPerMinute).toFixed(1) + '×', kib(r.wirePerMinute), Math.round(r.eventsPerMinute), ms(d.p50), ms(d.p95), `${r.delays.length}/${MARKS}`];
    };
    return [
      `cobrowse: ${OBSERVE_MS / 1000} s observed per page, ${MARKS} timed changes (visitor's page → events at the operator's socket, loopback)`,
      table([['page', 'JSON/min to operator', 'vs typical', 'gzip/min on the wire', 'events/min', 'delay p50', 'delay p95', 'changes seen'], row('typical', typical), row('busy (DOM every 50 ms)', heavy)]),
    ].join('\n');
  } finally {
    await browser.close();
    server?.close();
    await core?.stop();
    await cms.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
