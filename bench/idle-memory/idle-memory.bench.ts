import fs from 'node:fs';
import path from 'node:path';
import { call, connectSocket } from '../support/sockets.js';
import { inBatches, scratchDir, seedBenchAccount, spawnWithFileLimit, startBenchCms, startCoreProcess, visitorMinter, type CoreProcess } from '../support/stack.js';
import { kib, mib, table } from '../support/stats.js';

const ORIGIN = 'https://idle-shop.example';
const VISITORS = 10_000;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

/** The core process's memory after a full GC (memory-probe.mjs answers SIGUSR2). */
async function memoryOf(core: CoreProcess, file: string): Promise<Memory> {
  fs.rmSync(file, { force: true });
  process.kill(core.pid, 'SIGUSR2');
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Memory;
}

/**
 * 10,000 idle visitor sockets (each after `visitor.hello`) held by a separate client process;
 * prints how much the core process grew per connection. The open-files limit of both processes
 * is raised to the hard limit (`ulimit -Hn`, 20,000 here), which must exceed the socket count.
 */
export async function idleMemory(): Promise<string> {
  const dir = scratchDir('idle-memory');
  const cms = await startBenchCms(dir);
  const memoryFile = path.join(dir, 'memory.json');
  let core: CoreProcess | undefined;
  try {
    const account = await seedBenchAccount(cms, 1, ORIGIN);
    core = await startCoreProcess(cms, {
      dir,
      nodeArgs: ['--expose-gc', '--import', path.join(import.meta.dirname, 'memory-probe.mjs')],
      env: { BENCH_MEMORY_FILE: memoryFile },
    });
    // Warm up the code paths (JIT, lazily loaded modules, pools) before the baseline.
    const mint = visitorMinter(cms.secrets.VISITOR_TOKEN_SECRET!, account.site.id);
    await inBatches([...Array(200).keys()], 50, async () => {
      const s = await connectSocket(`${core!.url}/chat`, { token: (await mint()).token }, ORIGIN);
      await call(s, 'visitor.hello', { page: { url: `${ORIGIN}/`, title: 'Shop', referrer: '' }, activity: 'active' });
      s.close();
    });
    await new Promise((r) => setTimeout(r, 2000));
    const before = await memoryOf(core, memoryFile);

    const clients = spawnWithFileLimit(['--import', 'tsx', path.join(import.meta.dirname, 'clients.ts')], {
      PATH: process.env.PATH ?? '',
      COUNT: String(VISITORS),
      ORIGIN,
      CORE_URL: core.url,
      SITE_ID: account.site.id,
      VISITOR_TOKEN_SECRET: cms.secrets.VISITOR_TOKEN_SECRET!,
    }, 'pipe');
    const ready = await new Promise<string>((resolve, reject) => {
      clients.stdout!.on('data', (d: Buffer) => {
        const line = d.toString().trim();
        if (line.startsWith('ready')) resolve(line.split(' ')[1]!);
      });
      clients.once('exit', (code) => reject(new Error(`the client process exited with ${code} before its sockets were ready`)));
    });
    await new Promise((r) => setTimeout(r, 3000));
    const after = await memoryOf(core, memoryFile);
    const exited = new Promise((resolve) => clients.once('exit', resolve));
    clients.kill('SIGTERM');
    await exited;

    const per = (k: keyof Memory) => kib((after[k] - before[k]) / VISITORS);
    return [
      `idle memory: ${VISITORS} visitor sockets after visitor.hello (opened in ${ready} s), core process on SQLite, after a full GC`,
      table([
        ['', 'before', 'after', 'per connection'],
        ['RSS', mib(before.rss), mib(after.rss), per('rss')],
        ['JS heap used', mib(before.heapUsed), mib(after.heapUsed), per('heapUsed')],
        ['external (incl. array buffers)', mib(before.external), mib(after.external), per('external')],
      ]),
    ].join('\n');
  } finally {
    await core?.stop();
    await cms.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
