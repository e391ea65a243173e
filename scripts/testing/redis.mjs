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

import { existsSync } from 'node:fs';
import net from 'node:net';
import { startLoopbackServer } from './loopback-server.mjs';

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

  const server = await startLoopbackServer({
    name: 'redis',
    bin: findRedisServer(),
    args: (port, dir, logFile) => ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', logFile, '--daemonize', 'no'],
    ready: pings,
    portTaken: /address already in use/i,
  });
  return { url: `redis://127.0.0.1:${server.port}`, stop: server.stop };
}
