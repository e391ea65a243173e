import { ensureDebianPackages } from '../scripts/lib/install.mjs';
import { chatLatency } from './chat-latency/chat-latency.bench.js';
import { cobrowseBench } from './cobrowse/cobrowse.bench.js';
import { idleMemory } from './idle-memory/idle-memory.bench.js';
import { widgetBench } from './widget/widget.bench.js';

/**
 * `npm run bench [chat-latency] [idle-memory] [widget] [cobrowse] [calls]`: runs the benches (all by default) one
 * after the other and prints their figures. No assertions: figures depend on the machine.
 */
const benches: Record<string, () => Promise<string>> = { 'chat-latency': chatLatency, 'idle-memory': idleMemory, widget: widgetBench, cobrowse: cobrowseBench, calls: callsBench };

/**
 * The calls bench drives pages (DOM types, e2e/support's helpers): e2e/tsconfig.json checks it, so
 * it is loaded by a path the root project's type-check does not follow.
 */
async function callsBench(): Promise<string> {
  const file = './calls/calls.bench.js';
  return ((await import(file)) as { callsBench(): Promise<string> }).callsBench();
}
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (choose from ${Object.keys(benches).join(', ')})`);
  process.exit(2);
}
// The PostgreSQL run of chat-latency and the widget's browser come from Debian, as for `npm test`.
await ensureDebianPackages({ chromium: '/usr/bin/chromium', postgresql: '/usr/lib/postgresql/*/bin/initdb' });
const cores = (await import('node:os')).cpus().length;
console.log(`callpy benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cores}-core machine, Node ${process.version}\n`);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const t0 = Date.now();
  console.log(`▶ ${name}`);
  console.log(await benches[name]!());
  console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
