import { createAdapter } from '@socket.io/redis-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import type { Server } from 'socket.io';
import type { ContentChange, ContentStore } from '../content/content-store.js';
import type { Logger } from '../logging/logger.js';

/** How long start-up waits for Redis before it gives up with a message naming REDIS_URL. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Between nodes: "re-read the CMS snapshot" (a webhook or a write reached one node only). */
const CONTENT_CHANGED = 'callpy:content.changed';

export interface RedisCluster {
  /**
   * Connection for shared counters (rate limits). Commands fail at once while Redis is away
   * (no offline queue), so a limiter falls back to its per-process insurance instead of hanging.
   */
  readonly counters: Redis;
  /** Quits the connections; after `io.close()`, which unsubscribes the adapter. */
  close(): Promise<void>;
}

/** `redis://user:***@host:port/db` — the password never reaches a message or a log line. */
export function redactedRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Several core processes behind one load balancer: every namespace of `io` gets the socket.io
 * Redis adapter, so `to(room).emit`, `fetchSockets()` and `disconnectSockets()` reach the sockets
 * of every process; and a content change one process hears of first-hand (the CMS webhook, its
 * own write to the CMS) makes every other process re-read the CMS at once.
 *
 * ioredis rather than `redis`: the adapter's documentation recommends it because it restores
 * subscriptions after a reconnection.
 */
export async function joinRedisCluster(io: Server, url: string, content: ContentStore, logger: Logger): Promise<RedisCluster> {
  const log = logger.child({ part: 'redis' });
  const base: RedisOptions = { lazyConnect: true, connectionName: 'callpy-core' };
  const publisher = watch(new Redis(url, base), 'publisher', log);
  const subscriber = watch(publisher.duplicate(), 'subscriber', log);
  const counters = watch(new Redis(url, { ...base, enableOfflineQueue: false }), 'counters', log);
  const clients = [publisher, subscriber, counters];
  try {
    await Promise.all(clients.map((c) => connect(c, url)));
  } catch (err) {
    for (const c of clients) c.disconnect();
    throw err;
  }
  catchPublishFailures(publisher, log);

  io.adapter(createAdapter(publisher, subscriber));
  // Published on the same connection as the adapter's events, so a node applies "user blocked"
  // before it gets the order to drop that user's sockets, and a reconnect is refused there too.
  io.on(CONTENT_CHANGED, (change: ContentChange) => void content.applyPeerChange(change));
  const stopSharing = content.onFirstHandChange((change) => io.serverSideEmit(CONTENT_CHANGED, change));
  log.info({ url: redactedRedisUrl(url) }, 'socket.io rooms, rate limits and content changes shared through Redis');

  return {
    counters,
    async close() {
      stopSharing();
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** Logs losing and regaining the connection once each, not every retry of ioredis's back-off. */
function watch(client: Redis, role: string, log: Logger): Redis {
  let state: 'starting' | 'up' | 'lost' = 'starting';
  client.on('error', (err: Error) => {
    if (state !== 'up') return; // start-up errors are reported by connect(); a loss once
    state = 'lost';
    log.warn({ role, reason: err.message }, 'Redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (state === 'lost') log.info({ role }, 'Redis reachable again');
    state = 'up';
  });
  return client;
}

function connect(client: Redis, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError = '';
    const onError = (err: Error) => void (lastError = err.message);
    const timer = setTimeout(() => {
      client.off('error', onError);
      reject(new Error(`Redis at ${redactedRedisUrl(url)} (REDIS_URL) did not answer within ${CONNECT_TIMEOUT_MS} ms${lastError ? `: ${lastError}` : ''}`));
    }, CONNECT_TIMEOUT_MS);
    client.on('error', onError);
    client.once('ready', () => {
      clearTimeout(timer);
      client.off('error', onError);
      resolve();
    });
    // The first attempt's failure is retried by ioredis; the timer above is the real deadline.
    client.connect().catch(() => undefined);
  });
}

/**
 * The adapter publishes without awaiting the promise. A publish that fails — Redis away longer than
 * ioredis's retry budget, or a socket's disconnect handler emitting while shutdown closed the
 * connection — would be an unhandled rejection, which ends a Node process; it is logged instead
 * (the event reaches this process's own sockets either way).
 */
function catchPublishFailures(publisher: Redis, log: Logger): void {
  const publish = publisher.publish.bind(publisher) as (channel: string | Buffer, message: string | Buffer) => Promise<number>;
  const guarded = (channel: string | Buffer, message: string | Buffer) =>
    publish(channel, message).catch((err: unknown) => {
      log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'could not pass an event to the other core processes');
      return 0;
    });
  publisher.publish = guarded as Redis['publish'];
}
