import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Server } from 'socket.io';
import type { Goal, GoalHitInput } from '../plugins/goals/shared/goals.protocol.js';
import { buildWidget } from '../widget/build.mjs';

/**
 * G1's widget first stage on a real page in a real browser, against a stub core (the goals server
 * is another part's): the built loader, host and goals chunk; a session carrying the site's goals;
 * a `/goals` namespace that records each `goal.hit`, acknowledges it, and sends `goals.updated`
 * when the test says (an admin saved the goals).
 */
const GOALS: Goal[] = [
  { id: 'g-buy', name: 'Buy', type: 'click', selector: '.buy' },
  { id: 'g-broken', name: 'Broken', type: 'click', selector: 'a[[[' },
  { id: 'g-more', name: 'More', type: 'click', selector: '#more' },
  { id: 'g-thanks', name: 'Thanks', type: 'url', match: 'wildcard', pattern: '/thanks*' },
  { id: 'g-form', name: 'Callback', type: 'form', selector: 'form.callback' },
  { id: 'g-cart', name: 'Cart', type: 'event', event: 'add_to_cart' },
];

const PAGE = `<!doctype html><html><head><title>Goals shop</title></head><body>
<script>window.Callpy=window.Callpy||{q:[],track:function(){window.Callpy.q.push(arguments)}};Callpy.track('add_to_cart', { sum: 1200, nested: { no: 1 } });</script>
<script async src="/widget/loader.js" data-callpy-site="goals-site"></script>
<button class="buy"><span id="inner">Buy</span></button>
<button id="more">More</button>
<a id="thanks" href="/thanks?order=7" onclick="history.pushState({}, '', this.href); return false">Done</a>
<form class="callback" onsubmit="return false"><button id="send">Call me</button></form>
</body></html>`;

let outDir: string;
let server: http.Server;
let io: Server;
let base: string;
const hits: (GoalHitInput & { token: unknown })[] = [];

test.beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-goals-e2e-'));
  const { manifest } = await buildWidget({ outDir });
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/widget/session') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({ visitorToken: 'visitor-1', visitorId: 'v1', siteId: 's1', locale: 'en', plugins: [{ id: 'goals', url: `${base}/widget/${manifest.plugins.goals}`, settings: GOALS }] }),
      );
    }
    if (url.pathname.startsWith('/widget/')) {
      const file = path.join(outDir, path.normalize(url.pathname.slice('/widget/'.length)));
      if (!file.startsWith(outDir) || !fs.existsSync(file)) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  io = new Server(server);
  io.of('/goals').on('connection', (socket) => {
    socket.on('goal.hit', (hit: GoalHitInput, ack: (r: unknown) => void) => {
      hits.push({ ...hit, token: socket.handshake.auth.token });
      ack({ ok: true, data: null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await io.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('goals on a real page: a queued track call, clicks, a broken selector, a form, an SPA address, once per visit', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const ids = () => hits.map((h) => h.goalId);

  await page.goto(base);
  await expect.poll(ids).toEqual(['g-cart']);
  expect(hits[0]).toEqual({ goalId: 'g-cart', url: `${base}/`, props: { sum: 1200 }, token: 'visitor-1' });

  // A click inside the goal's element counts (closest); the broken selector is skipped without a page error.
  await page.locator('#inner').click();
  await page.locator('#inner').click();
  await page.locator('#send').click();
  await page.locator('#thanks').click();
  await expect.poll(ids).toEqual(['g-cart', 'g-buy', 'g-form', 'g-thanks']);
  expect(hits.at(-1)!.url).toBe(`${base}/thanks?order=7`);

  // The next page of the same visit: reached goals stay reached; a new one still counts (and, sent after, proves nothing came before it).
  await page.goto(base);
  await page.evaluate(() => window.Callpy!.ready);
  await expect.poll(() => page.evaluate(() => window.Callpy!.mounted)).toEqual(['goals']);
  await page.locator('#inner').click();
  await page.locator('#more').click();
  await expect.poll(ids).toEqual(['g-cart', 'g-buy', 'g-form', 'g-thanks', 'g-more']);
  expect(errors).toEqual([]);
});

test('goals the server pushes replace those of the session on the open page', async ({ page }) => {
  hits.length = 0;
  const ids = () => hits.map((h) => h.goalId);
  await page.goto(base);
  // The queued track call came over /goals: the page's socket is connected.
  await expect.poll(ids).toEqual(['g-cart']);
  const pushed: Goal[] = [
    { id: 'g-more', name: 'More', type: 'click', selector: '#more' },
    { id: 'g-home', name: 'Home page', type: 'url', match: 'exact', pattern: '/' },
  ];
  io.of('/goals').emit('goals.updated', pushed);
  // The new URL goal is the page the visitor is on.
  await expect.poll(ids).toEqual(['g-cart', 'g-home']);
  // «Buy» is no goal any more; hits go out in order, so one sent after it proves it was not sent.
  await page.locator('#inner').click();
  await page.locator('#more').click();
  await expect.poll(ids).toEqual(['g-cart', 'g-home', 'g-more']);
});
