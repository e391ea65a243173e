// Throwaway Redis servers for tests and benchmarks (several core processes sharing socket.io rooms
// and rate limits).
//
//   const redis = await startRedis();   // { url, stop() }
//   ...
//   await redis.stop();
//
// Plain Node, no npm dependencies: runs Debian's `redis-server` (apt-get install redis-server) on
// 127.0.0.1, on a free port, in a temp dir, with persistence off — nothing outlives stop().
//
// CALLPY_TEST_REDIS_URL=redis://host:port  uses an existing server instead (e.g. a CI service
// container); stop() is then a no-op.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/processes.mjs';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/** Path of redis-server, or a clear error when it is missing. */
export function findRedisServer() {
  const fromEnv = process.env.CALLPY_REDIS_SERVER;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CALLPY_REDIS_SERVER=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Redis is not installed: no redis-server in /usr/bin or /usr/local/bin. ' +
        'Install it with `apt-get install -y redis-server` (Debian) or set CALLPY_TEST_REDIS_URL ' +
        'to an existing server.',
    );
  }
  return found;
}

/** Resolves true when the server at port answers PING with PONG. */
function pings(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a fresh Redis on 127.0.0.1 with no persistence.
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startRedis() {
  const external = process.env.CALLPY_TEST_REDIS_URL;
  if (external) return { url: external, async stop() {} };

  const bin = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'callpy-redis-'));
  const logFile = join(dir, 'redis.log');
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', logFile, '--daemonize', 'no'],
      { stdio: 'ignore', cwd: dir },
    );
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
      up = await pings(port);
      if (!up) await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    if (up) {
      let stopped = false;
      return {
        url: `redis://127.0.0.1:${port}`,
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
    // Port raced with someone else: try another; otherwise give up.
    if (!/address already in use/i.test(log) || attempt === 4) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${log}`);
    }
  }
  throw new Error('redis-server did not start');
}
