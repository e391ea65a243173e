import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, startPostgres } from '../../scripts/testing/postgres.mjs';
import { freePort, waitForHttp } from '../../scripts/lib/processes.mjs';
import { call } from '../support/sockets.js';
import { login, scratchDir, seedBenchAccount, spawnWithFileLimit, startBenchCms, startCoreProcess, visitorMinter, type BenchAccount, type BenchCms } from '../support/stack.js';
import { readStalls, stallProbe, type ServerStalls } from '../support/stall-report.js';
import { ms, table } from '../support/stats.js';
import { runLoad, type LoadOptions, type LoadResult, type Target } from './load.js';

const ORIGIN = 'https://bench-shop.example';
const TIMING = { warmupMs: 5000, measureMs: 20_000 };
const OPTIONS: LoadOptions = { visitors: Number(process.env.BENCH_VISITORS ?? 1000), intervalMs: 1000, ...TIMING };
/** Growth: five times the visitors at the same thousand messages a second (one each 5 s). */
const LARGE: LoadOptions = { visitors: 5000, intervalMs: 5000, ...TIMING };
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const OPERATORS = 20;

type Engine = 'sqlite' | 'postgres';

/** One load through one server, with what the server's own probe saw in the measured window. */
interface Run {
  load: LoadResult;
  server: ServerStalls;
  visitors: number;
}

/** A run through the core and the relay run right before it, its yardstick. */
interface Pair {
  relay: Run;
  core: Run;
}

/**
 * 1,000 visitors each sending a message a second to 20 online operators of one account: through
 * the core (chat plugin, on SQLite, then PostgreSQL), each right after the same load through a
 * bare socket.io relay — the ratio compares two runs a minute apart, not four, as other work on a
 * shared machine comes and goes.
 * For finding hot spots: BENCH_VISITORS (1000), BENCH_ENGINES (sqlite,postgres), and
 * BENCH_CPU_PROF=1, which keeps a CPU profile of each core process in the scratch folder.
 */
export async function chatLatency(): Promise<string> {
  const dir = scratchDir('chat-latency');
  const cms = await startBenchCms(dir);
  const pairs: Pair[] = [];
  try {
    const account = await seedBenchAccount(cms, OPERATORS, ORIGIN);
    for (const engine of ENGINES) {
      const relay = await throughRelay(dir, engine, OPTIONS);
      pairs.push({ relay, core: await throughCore(cms, account, dir, engine, OPTIONS) });
    }
    if (process.env.BENCH_LARGE !== '0') {
      const relay = await throughRelay(dir, 'sqlite', LARGE);
      pairs.push({ relay, core: await throughCore(cms, account, dir, 'sqlite', LARGE) });
    }
  } finally {
    await cms.stop();
    if (process.env.BENCH_CPU_PROF) console.log(`CPU profiles kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return report(pairs);
}

async function throughCore(cms: BenchCms, account: BenchAccount, dir: string, engine: Engine, options: LoadOptions): Promise<Run> {
  const postgres = engine === 'postgres' ? await startPostgres() : undefined;
  const databaseUrl = postgres ? await createDatabase(postgres.url, 'bench') : undefined;
  const name = `core-${engine}-${options.visitors}`;
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.join(dir, `profile-${name}`)] : [];
  const probe = stallProbe(dir, name);
  const core = await startCoreProcess(cms, { dir, databaseUrl, nodeArgs: [...profile, ...probe.nodeArgs], env: probe.env, name });
  let load: LoadResult;
  try {
    const tokens = [];
    for (const operator of account.operators) tokens.push(await login(core.url, operator));
    const mint = visitorMinter(cms.secrets.VISITOR_TOKEN_SECRET!, account.site.id);
    const target: Target = {
      label: `core, ${engineName(engine)}, ${options.visitors} visitors`,
      url: `${core.url}/chat`,
      origin: ORIGIN,
      operatorOrigin: core.url,
      visitorAuth: async () => ({ token: (await mint()).token }),
      operatorAuth: tokens.map((token) => ({ token })),
      prepareVisitor: (s) => call(s, 'visitor.hello', { page: { url: `${ORIGIN}/`, title: 'Shop', referrer: '' }, activity: 'active' }).then(() => undefined),
      prepareOperator: (s) => call(s, 'operator.status', { status: 'online' }).then(() => undefined),
    };
    load = await runLoad(target, options);
  } finally {
    await core.stop();
    await postgres?.stop();
  }
  return { load, server: readStalls(probe.file, load.window, load.startedAt), visitors: options.visitors };
}

async function throughRelay(dir: string, before: Engine, options: LoadOptions): Promise<Run> {
  const port = await freePort();
  const out = fs.openSync(path.join(dir, 'relay.log'), 'a');
  const probe = stallProbe(dir, `relay-${before}-${options.visitors}`);
  const args = [...probe.nodeArgs, '--import', 'tsx', path.join(import.meta.dirname, 'relay.ts')];
  const relay = spawnWithFileLimit(args, { PATH: process.env.PATH ?? '', PORT: String(port), ...probe.env }, out);
  const url = `http://127.0.0.1:${port}`;
  let load: LoadResult;
  try {
    await waitForHttp(`${url}/socket.io/?EIO=4&transport=polling`, { child: relay, name: 'relay' });
    load = await runLoad(
      {
        label: `bare socket.io relay (before ${engineName(before)}, ${options.visitors} visitors)`,
        url: `${url}/chat`,
        origin: ORIGIN,
        operatorOrigin: url,
        visitorAuth: () => Promise.resolve({ role: 'visitor' }),
        operatorAuth: Array.from({ length: OPERATORS }, () => ({ role: 'operator' })),
        prepareVisitor: () => Promise.resolve(),
        prepareOperator: () => Promise.resolve(),
      },
      options,
    );
  } finally {
    const exited = new Promise((resolve) => relay.once('exit', resolve));
    relay.kill('SIGTERM');
    await exited;
  }
  return { load, server: readStalls(probe.file, load.window, load.startedAt), visitors: options.visitors };
}

const engineName = (engine: Engine) => (engine === 'sqlite' ? 'SQLite' : 'PostgreSQL');

function report(pairs: Pair[]): string {
  const runs = pairs.flatMap((p) => [p.relay, p.core]);
  const rows: (string | number)[][] = [['through', 'delivery p50', 'p95', 'p99', 'max', 'ack p50', 'ack p99', 'stored msg/s', 'refused', 'lost', 'doubled', 'p50 / relay', 'p99 / relay']];
  const servers: (string | number)[][] = [['through', 'stalls > 10 ms', 'stalled', 'longest', 'with GC', 'GCs', 'GC time', 'longest GC', 'CPU / msg', 'memory / visitor']];
  for (const { relay, core } of pairs) {
    for (const r of [relay, core]) {
      const l = r.load;
      rows.push([
        l.label,
        ms(l.delivery.p50),
        ms(l.delivery.p95),
        ms(l.delivery.p99),
        ms(l.delivery.max),
        ms(l.ack.p50),
        ms(l.ack.p99),
        r === relay ? '— (stores nothing)' : l.storedPerSecond.toFixed(0),
        Object.entries(l.refused).map(([k, v]) => `${k}: ${v}`).join(', ') || '0',
        l.lost,
        l.doubled,
        (l.delivery.p50 / relay.load.delivery.p50).toFixed(2),
        (l.delivery.p99 / relay.load.delivery.p99).toFixed(2),
      ]);
      const s = r.server;
      const messagesPerSecond = r.visitors * (1000 / (r.visitors === LARGE.visitors ? LARGE.intervalMs : OPTIONS.intervalMs));
      servers.push([
        l.label,
        s.stalls,
        ms(s.stalledMs),
        ms(s.longestMs),
        s.withGc,
        s.gcs,
        ms(s.gcMs),
        ms(s.longestGcMs),
        `${((s.cpuPerSecondMs / messagesPerSecond) * 1000).toFixed(0)} µs`,
        `${(s.rssGrowth / r.visitors / 1024).toFixed(1)} KiB`,
      ]);
    }
  }
  const samples = runs
    .map(({ load: l }) => `${l.label}: ${l.delivery.n} deliveries, sockets opened in ${l.connectSeconds.toFixed(1)} s, the bench's own event-loop delay p99 ${ms(l.clientLag.p99)} (max ${ms(l.clientLag.max)})`)
    .join('; ');
  const timelines = process.env.BENCH_TIMELINE
    ? runs.map(({ load: l }) => `${l.label}, delivery p99 / max by second sent: ${l.timeline.map((t) => `${t.p99.toFixed(0)}/${t.max.toFixed(0)}`).join(' ')}`)
    : [];
  return [
    `chat latency: ${OPTIONS.visitors} visitors × 1 msg/s (and ${LARGE.visitors} × 1 msg / ${LARGE.intervalMs / 1000} s), ${OPERATORS} operators online (each gets every message), ${TIMING.measureMs / 1000} s measured after ${TIMING.warmupMs / 1000} s warm-up`,
    table(rows),
    '',
    `the server's own view of the measured window (CPU per message: user + system time of the server process; memory per visitor: its resident memory growth from before the sockets opened to the window's end, per visitor)`,
    table(servers),
    '',
    samples,
    ...timelines,
  ].join('\n');
}
