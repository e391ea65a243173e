// A throwaway coturn TURN server for tests and benchmarks (calls through a relay, issue 11).
//
//   const turn = await startCoturn();   // { urls, secret, port, stop() }
//   ... the calls plugin's `turn: { urls: turn.urls, secret: turn.secret }` ...
//   await turn.stop();
//
// Plain Node, no npm dependencies: runs Debian's `turnserver` (apt-get install coturn) in the
// foreground on 127.0.0.1, on a free port, with the TURN REST-API scheme (`use-auth-secret`,
// `static-auth-secret`: credentials are HMACs of the secret, plugins/calls/server/turn-credentials.ts),
// relaying on 127.0.0.1 and letting loopback peers in (both browsers of a test are on this machine).
// Nothing outlives stop(): no daemon, its files in a temp dir.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import dgram from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/processes.mjs';

const CANDIDATES = ['/usr/bin/turnserver', '/usr/local/bin/turnserver'];

/** Path of turnserver, or a clear error when it is missing. */
export function findTurnserver() {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('coturn is not installed: no turnserver in /usr/bin or /usr/local/bin. Install it with `apt-get install -y coturn` (Debian).');
  return found;
}

/**
 * Resolves true when a STUN Binding request to 127.0.0.1:port gets a Binding success response —
 * the server is listening and answering, not merely started.
 */
function answersStun(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const id = randomBytes(12);
    // Binding request: type 0x0001, length 0, magic cookie, transaction id (RFC 5389).
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
    const done = (ok) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on('error', () => done(false));
    socket.on('message', (msg) => done(msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)));
    socket.send(request, port, '127.0.0.1');
  });
}

/**
 * Starts coturn on 127.0.0.1 with a fresh shared secret.
 * @param {{ secret?: string }} [options]
 * @returns {Promise<{ port: number, secret: string, urls: string[], stop(): Promise<void> }>}
 */
export async function startCoturn(options = {}) {
  const bin = findTurnserver();
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'callpy-coturn-'));
  const logFile = join(dir, 'turn.log');
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      bin,
      [
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        '--realm=callpy.test',
        '--fingerprint',
        // The test's two browsers are both on this machine: their relayed peers are loopback addresses.
        '--allow-loopback-peers',
        '--no-multicast-peers',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--no-software-attribute',
        `--userdb=${join(dir, 'turndb')}`,
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        `--log-file=${logFile}`,
        '--simple-log',
        '--no-stdout-log',
      ],
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
      up = await answersStun(port);
      if (!up) await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    if (up) {
      let stopped = false;
      return {
        port,
        secret,
        urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
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
    if (!/address already in use|cannot bind/i.test(log) || attempt === 4) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`turnserver did not start on port ${port}:\n${log.slice(-4000)}`);
    }
  }
  throw new Error('turnserver did not start');
}
