import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnLogged } from '../../../scripts/lib/processes.mjs';
import { supervise } from '../../../scripts/lib/supervisor.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const exitsAtOnce = () => spawnLogged(process.execPath, ['-e', 'process.exit(3)'], { env: {}, cwd: here, logFile: null, name: 'crasher' });

/** The restart delays of the first `count` exits. */
function delays(sup: ReturnType<typeof supervise>, count: number): Promise<number[]> {
  const seen: number[] = [];
  return new Promise((resolve) => {
    sup.events.on('exit', ({ code, delayMs }: { code: number; delayMs: number }) => {
      expect(code).toBe(3);
      seen.push(delayMs);
      if (seen.length === count) resolve(seen);
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start supervisor', () => {
  it('restarts a child that exits, doubling the delay up to the cap', async () => {
    const sup = supervise('crasher', exitsAtOnce, { initialMs: 5, maxMs: 20, log: () => {} });
    try {
      expect(await delays(sup, 5)).toEqual([5, 10, 20, 20, 20]);
    } finally {
      await sup.stop();
    }
  });

  it('goes back to the first delay after a child stayed up for resetAfterMs', async () => {
    let clock = 0;
    let spawns = 0;
    const sup = supervise('crasher', exitsAtOnce, { initialMs: 5, maxMs: 1000, resetAfterMs: 60_000, log: () => {}, now: () => clock });
    // The third child "runs" a minute: the clock moves while it is up.
    sup.events.on('spawn', () => {
      spawns += 1;
      if (spawns === 2) clock += 60_000;
    });
    try {
      expect(await delays(sup, 5)).toEqual([5, 10, 5, 10, 20]);
    } finally {
      await sup.stop();
    }
  });

  it('restarts only the child that was killed; SIGTERM stops the supervisor and every child', async () => {
    const stack = spawn(process.execPath, [path.join(here, '../fixtures/supervised-stack.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: stack.stdout! })[Symbol.asyncIterator]();
    const next = async () => JSON.parse(String((await lines.next()).value)) as { service: string; pid: number };
    const first = [await next(), await next()];
    const pids = Object.fromEntries(first.map((l) => [l.service, l.pid])) as Record<'a' | 'b', number>;

    process.kill(pids.a, 'SIGKILL');
    const restarted = await next();
    expect(restarted.service).toBe('a');
    expect(restarted.pid).not.toBe(pids.a);
    expect(alive(pids.b), 'b is still running').toBe(true);
    expect(alive(stack.pid!), 'the supervisor is still running').toBe(true);

    const exited = once(stack, 'exit');
    stack.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    expect([restarted.pid, pids.b].filter(alive), 'children left running').toEqual([]);
  });
});
