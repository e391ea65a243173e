// Runs a throwaway server binary (redis-server, turnserver) in the foreground on a free loopback
// port, in a temp dir, until stop(): retried on another port when the port raced with someone
// else, ready when `ready(port)` says so (a real answer, not a pause), never left behind.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/processes.mjs';

/**
 * @param {{
 *   name: string,
 *   bin: string,
 *   args: (port: number, dir: string, logFile: string) => string[],
 *   ready: (port: number) => Promise<boolean>,
 *   portTaken: RegExp,
 * }} server
 * @returns {Promise<{ port: number, dir: string, stop(): Promise<void> }>}
 */
export async function startLoopbackServer(server) {
  const dir = mkdtempSync(join(tmpdir(), `callpy-${server.name}-`));
  const logFile = join(dir, `${server.name}.log`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(server.bin, server.args(port, dir, logFile), { stdio: 'ignore', cwd: dir });
    // Last resort when a run forgets stop() or crashes: never leave a server behind.
    const killOnExit = () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    };
    process.on('exit', killOnExit);
    const exited = new Promise((resolve) => child.once('exit', () => resolve(true)));
    const deadline = Date.now() + 10_000;
    let up = false;
    while (!up && Date.now() < deadline && child.exitCode === null) {
      up = await server.ready(port);
      if (!up) await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    if (up) {
      let stopped = false;
      return {
        port,
        dir,
        async stop() {
          if (stopped) return;
          stopped = true;
          if (child.exitCode === null && !child.signalCode) {
            const gone = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await gone;
            clearTimeout(timer);
          }
          process.off('exit', killOnExit);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    // The port raced with someone else: try another; otherwise give up.
    if (!server.portTaken.test(log) || attempt === 4) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${server.bin} did not start on port ${port}:\n${log.slice(-4000)}`);
    }
  }
  throw new Error(`${server.bin} did not start`);
}
