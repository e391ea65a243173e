import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, startPostgres } from '../../scripts/testing/postgres.mjs';
import { freePort, waitForHttp } from '../../scripts/lib/processes.mjs';
import { call } from '../support/sockets.js';
import { login, scratchDir, seedBenchAccount, spawnWithFileLimit, startBenchCms, startCoreProcess, visitorMinter, type BenchAccount, type BenchCms } from '../support/stack.js';
import { ms, table } from '../support/stats.js';
import { runLoad, type LoadOptions, type LoadResult, type Target } from './load.js';

const ORIGIN = 'https://bench-shop.example';
const OPTIONS: LoadOptions = { visitors: Number(process.env.BENCH_VISITORS ?? 1000), intervalMs: 1000, warmupMs: 5000, measureMs: 20_000 };
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const OPERATORS = 20;

/** A run through the core and the relay run right before it, its yardstick. */
interface Pair {
  relay: LoadResult;
  core: LoadResult;
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
      const relay = await throughRelay(dir, engine);
      pairs.push({ relay, core: await throughCore(cms, account, dir, engine) });
    }
  } finally {
    await cms.stop();
    if (process.env.BENCH_CPU_PROF) console.log(`CPU profiles kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return report(pairs);
}

async function throughCore(cms: BenchCms, account: BenchAccount, dir: string, engine: 'sqlite' | 'postgres'): Promise<LoadResult> {
  const postgres = engine === 'postgres' ? await startPostgres() : undefined;
  const databaseUrl = postgres ? await createDatabase(postgres.url, 'bench') : undefined;
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.join(dir, `profile-${engine}`)] : [];
  const core = await startCoreProcess(cms, { dir, databaseUrl, nodeArgs: profile, name: `core-${engine}` });
  try {
    const tokens = [];
    for (const operator of account.operators) tokens.push(await login(core.url, operator));
    const mint = visitorMinter(cms.secrets.VISITOR_TOKEN_SECRET!, account.site.id);
    const target: Target = {
      label: `core, ${engineName(engine)}`,
      url: `${core.url}/chat`,
      origin: ORIGIN,
      operatorOrigin: core.url,
      visitorAuth: async () => ({ token: (await mint()).token }),
      operatorAuth: tokens.map((token) => ({ token })),
      prepareVisitor: (s) => call(s, 'visitor.hello', { page: { url: `${ORIGIN}/`, title: 'Shop', referrer: '' }, activity: 'active' }).then(() => undefined),
      prepareOperator: (s) => call(s, 'operator.status', { status: 'online' }).then(() => undefined),
    };
    return await runLoad(target, OPTIONS);
  } finally {
    await core.stop();
    await postgres?.stop();
  }
}

async function throughRelay(dir: string, before: 'sqlite' | 'postgres'): Promise<LoadResult> {
  const port = await freePort();
  const out = fs.openSync(path.join(dir, 'relay.log'), 'a');
  const relay = spawnWithFileLimit(['--import', 'tsx', path.join(import.meta.dirname, 'relay.ts')], { PATH: process.env.PATH ?? '', PORT: String(port) }, out);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/socket.io/?EIO=4&transport=polling`, { child: relay, name: 'relay' });
    return await runLoad(
      {
        label: `bare socket.io relay (before ${engineName(before)})`,
        url: `${url}/chat`,
        origin: ORIGIN,
        operatorOrigin: url,
        visitorAuth: () => Promise.resolve({ role: 'visitor' }),
        operatorAuth: Array.from({ length: OPERATORS }, () => ({ role: 'operator' })),
        prepareVisitor: () => Promise.resolve(),
        prepareOperator: () => Promise.resolve(),
      },
      OPTIONS,
    );
  } finally {
    const exited = new Promise((resolve) => relay.once('exit', resolve));
    relay.kill('SIGTERM');
    await exited;
  }
}

const engineName = (engine: 'sqlite' | 'postgres') => (engine === 'sqlite' ? 'SQLite' : 'PostgreSQL');

function report(pairs: Pair[]): string {
  const results = pairs.flatMap((p) => [p.relay, p.core]);
  const rows: (string | number)[][] = [['through', 'delivery p50', 'p95', 'p99', 'max', 'ack p50', 'ack p99', 'stored msg/s', 'refused', 'p50 / relay', 'p99 / relay']];
  for (const { relay, core } of pairs) {
    for (const r of [relay, core]) {
      rows.push([
        r.label,
        ms(r.delivery.p50),
        ms(r.delivery.p95),
        ms(r.delivery.p99),
        ms(r.delivery.max),
        ms(r.ack.p50),
        ms(r.ack.p99),
        r === relay ? '— (stores nothing)' : r.storedPerSecond.toFixed(0),
        Object.entries(r.refused).map(([k, v]) => `${k}: ${v}`).join(', ') || '0',
        (r.delivery.p50 / relay.delivery.p50).toFixed(2),
        (r.delivery.p99 / relay.delivery.p99).toFixed(2),
      ]);
    }
  }
  const samples = results
    .map((r) => `${r.label}: ${r.delivery.n} deliveries, sockets opened in ${r.connectSeconds.toFixed(1)} s, the bench's own event-loop delay p99 ${ms(r.clientLag.p99)} (max ${ms(r.clientLag.max)})`)
    .join('; ');
  const timelines = process.env.BENCH_TIMELINE
    ? results.map((r) => `${r.label}, delivery p99 / max by second sent: ${r.timeline.map((t) => `${t.p99.toFixed(0)}/${t.max.toFixed(0)}`).join(' ')}`)
    : [];
  return [
    `chat latency: ${OPTIONS.visitors} visitors × 1 msg/s, ${OPERATORS} operators online (each gets every message), ${OPTIONS.measureMs / 1000} s measured after ${OPTIONS.warmupMs / 1000} s warm-up`,
    table(rows),
    samples,
    ...timelines,
  ].join('\n');
}
