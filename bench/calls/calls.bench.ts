import fs from 'node:fs';
import http from 'node:http';
import { chromium, type Browser, type Page } from '@playwright/test';
import { installCode } from '../../core/src/sites/install-code.js';
import { turnCredential } from '../../plugins/calls/server/turn-credentials.js';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { freePort } from '../../scripts/lib/processes.mjs';
import { buildAll } from '../../scripts/lib/build.mjs';
import { startCoturn } from '../../scripts/testing/coturn.mjs';
import { coturnEnv } from '../../e2e/support/coturn.js';
import { closeChatPanel, openChatPanel, type Panel } from '../../e2e/support/panel.js';
import { MEDIA_ARGS, mediaContext, watchInbound } from '../../e2e/support/webrtc.js';
import { repoRoot, scratchDir, seedBenchAccount, startBenchCms, startCoreProcess, type BenchAccount, type BenchCms, type CoreProcess } from '../support/stack.js';
import { ms, summarize, table } from '../support/stats.js';
import { barePair } from './bare-pair.js';
import { CallsFrames, acceptStamp, armFirstAudio, firstAudio, probeContext, stampAccept } from './page-probes.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const HANDOVERS = Number(process.env.BENCH_HANDOVERS ?? 5);
/** How long the steady call is watched for the baseline of the hand-over's stall. */
const STEADY_MS = 6000;

/** The panel's call window in that phase (its `data-phase`). */
const phaseOf = (page: Page, phase: string) => page.locator(`[data-testid="calls-window"][data-phase="${phase}"]`);
const now = () => performance.timeOrigin + performance.now();

interface Site {
  url: string;
  close(): void;
}

/** The shop's page with the widget's install code, on a port of its own. */
async function shopPage(origin: string, port: number, coreUrl: string, publicKey: string): Promise<Site> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>${installCode(coreUrl, publicKey).afterBody}</body></html>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: origin, close: () => server.close() };
}

/** A new visitor (cold context) on the shop with the chat open, its peer connections recorded. */
async function visitor(browser: Browser, site: Site) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['camera', 'microphone'], { origin: site.url });
  await probeContext(context);
  const page = await context.newPage();
  const frames = new CallsFrames(page);
  await page.goto(site.url);
  await page.getByTestId('cp-launcher').click({ timeout: 30_000 });
  return { context, page, frames };
}

interface OneCall {
  mediaMs: number;
  frames: { visitor: { signals: number; all: number }; operator: { signals: number; all: number } };
}

/**
 * D2 as a visitor makes it: the widget's «Позвонить», the panel's pop-up, «Принять»; from the
 * click on «Принять» to audio received at both ends. Then the operator hangs up; the frames
 * counted are the whole call's, from the visitor's click to the end.
 */
async function oneCall(panel: Panel, frames: CallsFrames, v: Awaited<ReturnType<typeof visitor>>, keep?: (call: OneCall) => Promise<void>): Promise<OneCall> {
  frames.take();
  v.frames.take();
  await v.page.getByTestId('cp-slot-calls').click();
  const ring = panel.page.getByTestId('calls-ringing');
  await ring.waitFor({ timeout: 30_000 });
  await armFirstAudio(panel.page);
  await armFirstAudio(v.page);
  await ring.getByTestId('calls-ringing-accept').click();
  const t0 = await acceptStamp(panel.page);
  const mediaMs = Math.max(await firstAudio(panel.page), await firstAudio(v.page)) - t0;
  const result: OneCall = { mediaMs, frames: { visitor: { signals: 0, all: 0 }, operator: { signals: 0, all: 0 } } };
  await keep?.(result);
  await panel.page.getByTestId('calls-hangup').click();
  await phaseOf(panel.page, 'ended').waitFor();
  await v.page.locator('[data-testid="call-card"][data-phase="ended"]').waitFor();
  result.frames = { visitor: v.frames.take(), operator: frames.take() };
  await panel.page.getByTestId('calls-close').click();
  return result;
}

interface Figures {
  label: string;
  calls: OneCall[];
  bare: { mediaMs: number; signals: number }[];
  handovers: { out: number; back: number; outStall: number; backStall: number; steadyStall: number }[];
}

/**
 * The D3 hand-over, `HANDOVERS` times in one call: the visitor's inbound audio watched over a
 * steady stretch first (the baseline: what the fake microphone's beeps and Opus leave as silence),
 * then over the move to the phone (the link opened → the desktop's window says «elsewhere», plus
 * the phone heard a while) and over «Вернуть» (→ the phone's page says it left).
 */
async function handovers(browser: Browser, panel: Panel, frames: CallsFrames, v: Awaited<ReturnType<typeof visitor>>): Promise<Figures['handovers']> {
  const out: Figures['handovers'] = [];
  await oneCall(panel, frames, v, async () => {
    const op = panel.page;
    for (let i = 0; i < HANDOVERS; i++) {
      let stop = await watchInbound(v.page, 'audio');
      await new Promise((r) => setTimeout(r, STEADY_MS));
      const steadyStall = (await stop()).longestStallMs;

      stop = await watchInbound(v.page, 'audio');
      await op.getByTestId('calls-handover').click();
      const link = await op.getByTestId('calls-handover-link').getAttribute('href');
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ...mediaContext });
      await probeContext(phone);
      const p = await phone.newPage();
      const t0 = now();
      await p.goto(link!);
      await phaseOf(op, 'elsewhere').waitFor({ timeout: 30_000 });
      const moved = now() - t0;
      await new Promise((r) => setTimeout(r, 2000));
      const outStall = (await stop()).longestStallMs;

      stop = await watchInbound(v.page, 'audio');
      const t1 = now();
      await op.getByTestId('calls-back').click();
      await p.getByTestId('calls-phone-left').waitFor({ timeout: 30_000 });
      const back = now() - t1;
      await new Promise((r) => setTimeout(r, 2000));
      const backStall = (await stop()).longestStallMs;
      await phone.close();
      out.push({ out: moved, back, outStall, backStall, steadyStall });
    }
  });
  return out;
}

/** One core (without TURN, or with coturn and relay only): the bare pairs, the calls, then the hand-overs. */
async function run(browser: Browser, cms: BenchCms, account: BenchAccount, dir: string, label: string, turn?: { urls: string[]; secret: string }): Promise<Figures> {
  let core: CoreProcess | undefined;
  let panel: Panel | undefined;
  let site: Site | undefined;
  try {
    core = await startCoreProcess(cms, { dir, name: `core-${turn ? 'turn' : 'direct'}`, env: turn ? coturnEnv(turn, 'relay') : {} });
    const origin = account.site.origin;
    site = await shopPage(origin, Number(new URL(origin).port), core.url, account.site.publicKey);
    panel = await openChatPanel(browser, core.url, account.operators[0]!, { context: mediaContext, prepare: probeContext });
    const frames = new CallsFrames(panel.page);
    // The shell's socket opened before the counter: reload so its WebSocket is seen from the start.
    await panel.page.reload();
    await panel.page.getByTestId('chat-status').waitFor();
    await stampAccept(panel.page);

    const ice = turn ? [{ urls: turn.urls, ...turnCredential(turn.secret, 'bench', Math.floor(Date.now() / 1000) + 3600) }] : [];
    const figures: Figures = { label, calls: [], bare: [], handovers: [] };
    for (let i = 0; i < CALLS; i++) {
      figures.bare.push(await barePair(panel.page, ice, turn ? 'relay' : 'all'));
      const v = await visitor(browser, site);
      try {
        figures.calls.push(await oneCall(panel, frames, v));
      } finally {
        await v.context.close();
      }
    }
    if (!turn) {
      const v = await visitor(browser, site);
      try {
        figures.handovers = await handovers(browser, panel, frames, v);
      } finally {
        await v.context.close();
      }
    }
    return figures;
  } finally {
    await closeChatPanel(panel);
    site?.close();
    await core?.stop();
  }
}

const median = (xs: number[]) => summarize(xs).p50;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');

function report(runs: Figures[]): string {
  const lines: string[] = [];
  const rows: (string | number)[][] = [['path', 'calls', 'median', 'p95', 'max', 'bare pair median (baseline)', 'median / baseline']];
  for (const r of runs) {
    const c = summarize(r.calls.map((x) => x.mediaMs));
    const b = summarize(r.bare.map((x) => x.mediaMs));
    rows.push([r.label, c.n, ms(c.p50), ms(c.p95), ms(c.max), ms(b.p50), ratio(c.p50, b.p50)]);
  }
  lines.push('accept → audio received at both ends (the panel\'s «Принять» click to getStats bytes > 0 on both pages)', table(rows), '');

  const sig: (string | number)[][] = [['path', 'side', 'call.signal frames (median, min–max)', 'all /calls frames (median, min–max)', 'bare pair signals (baseline)', 'call.signal / baseline']];
  for (const r of runs) {
    const base = median(r.bare.map((x) => x.signals));
    for (const side of ['visitor', 'operator'] as const) {
      const s = r.calls.map((c) => c.frames[side].signals);
      const a = r.calls.map((c) => c.frames[side].all);
      sig.push([r.label, side, `${median(s)} (${Math.min(...s)}–${Math.max(...s)})`, `${median(a)} (${Math.min(...a)}–${Math.max(...a)})`, base, ratio(median(s), base)]);
    }
  }
  lines.push('signalling per call (frames sent + received by that side\'s page, from «Позвонить» to the end; acknowledgements are frames too)', table(sig), '');

  const h = runs.flatMap((r) => r.handovers);
  if (h.length) {
    const steady = median(h.map((x) => x.steadyStall));
    // What a hand-over adds over a call's own connection: the same run's accept → media.
    const connect = median(runs[0]!.calls.map((x) => x.mediaMs));
    const row = (label: string, xs: number[], base: number, baseLabel: string) => [label, ms(median(xs)), ms(Math.max(...xs)), `${ms(base)} (${baseLabel})`, ratio(median(xs), base)];
    lines.push(
      `hand-over to a second device and back (${h.length} times, no TURN). Stalls: the visitor's longest time without inbound audio bytes, sampled every 100 ms (e2e/support/webrtc.ts watchInbound, as D3's test), against ${STEADY_MS / 1000} s of the same call with no hand-over`,
      table([
        ['', 'median', 'max', 'baseline (median)', 'median / baseline'],
        row('stall, to the phone', h.map((x) => x.outStall), steady, 'steady call'),
        row('stall, «Вернуть»', h.map((x) => x.backStall), steady, 'steady call'),
        row('link opened → desktop left', h.map((x) => x.out), connect, 'accept → media'),
        row('«Вернуть» → phone left', h.map((x) => x.back), connect, 'accept → media'),
      ]),
    );
  }
  return lines.join('\n');
}

/** Calls are not in the free plan (billing): the bench account gets the demo's enterprise licence. */
async function licence(cms: BenchCms, accountId: string): Promise<void> {
  const paidUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const res = await fetch(`${cms.url}/api/callpy/billing-licences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${cms.secrets.CMS_API_TOKEN}` },
    body: JSON.stringify({ data: { account: accountId, plan: 'enterprise', seats: 5, paidUntil } }),
  });
  if (!res.ok) throw new Error(`the bench's licence was refused: ${res.status} ${await res.text()}`);
}

/**
 * Calls on loopback (issue 11): accept → media both ways without TURN and through coturn with
 * relay only, the hand-over's gap, signalling per call; the real core, panel and widget in
 * Debian's Chromium with fake devices, each figure against a baseline of the same run.
 */
export async function callsBench(): Promise<string> {
  // The core runs from source, but serves the built panel and widget.
  await buildAll(repoRoot);
  const dir = scratchDir('calls');
  const cms = await startBenchCms(dir);
  const turn = await startCoturn();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] });
  try {
    const port = await freePort();
    const account = await seedBenchAccount(cms, 1, `http://127.0.0.1:${port}`);
    await licence(cms, account.accountId);
    const runs = [await run(browser, cms, account, dir, 'direct (host candidates)'), await run(browser, cms, account, dir, 'TURN relay only (coturn)', turn)];
    return report(runs);
  } finally {
    await browser.close();
    await turn.stop();
    await cms.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
