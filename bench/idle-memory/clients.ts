import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { call, connectSocket } from '../support/sockets.js';
import { inBatches, visitorMinter } from '../support/stack.js';

/**
 * The idle-memory bench's visitors, in their own process: COUNT sockets to CORE_URL's /chat, each
 * says `visitor.hello` and then stays idle. Prints `ready <seconds>` and holds them until SIGTERM.
 */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const count = Number(env('COUNT'));
const origin = env('ORIGIN');
const mint = visitorMinter(env('VISITOR_TOKEN_SECRET'), env('SITE_ID'));
const sockets: Socket[] = [];
const t0 = performance.now();
await inBatches([...Array(count).keys()], 100, async () => {
  const socket = await connectSocket(`${env('CORE_URL')}/chat`, { token: (await mint()).token }, origin);
  await call(socket, 'visitor.hello', { page: { url: `${origin}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  sockets.push(socket);
});
console.log(`ready ${((performance.now() - t0) / 1000).toFixed(1)}`);
process.once('SIGTERM', () => {
  for (const s of sockets) s.close();
  process.exit(0);
});
