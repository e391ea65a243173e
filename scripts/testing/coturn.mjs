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

import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopbackServer } from './loopback-server.mjs';

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
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const server = await startLoopbackServer({
    name: 'coturn',
    bin: findTurnserver(),
    args: (port, dir, logFile) => [
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
    ready: answersStun,
    portTaken: /address already in use|cannot bind/i,
  });
  return { port: server.port, secret, urls: [`turn:127.0.0.1:${server.port}?transport=udp`, `turn:127.0.0.1:${server.port}?transport=tcp`], stop: server.stop };
}
