import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/processes.mjs';
import { startRedis } from '../../../scripts/testing/redis.mjs';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { RateLimits } from '../../src/http/rate-limit.js';
import { startTestCore } from '../support/harness.js';

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

describe('REDIS_URL', () => {
  it('must be a redis:// or rediss:// URL', () => {
    const env = { CMS_API_TOKEN: 'x'.repeat(32), CORE_WEBHOOK_SECRET: 'x'.repeat(32), CORE_JWT_SECRET: 'x'.repeat(32), VISITOR_TOKEN_SECRET: 'x'.repeat(32), CORE_SECRETS_KEY: 'x'.repeat(32) };
    expect(() => loadConfig({ ...env, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow('REDIS_URL: REDIS_URL must be a redis:// or rediss:// URL');
    expect(loadConfig({ ...env, REDIS_URL: 'rediss://u:p@cache.internal:6380/2' }).redisUrl).toBe('rediss://u:p@cache.internal:6380/2');
    expect(loadConfig(env).redisUrl).toBeUndefined();
  });

  it('a Redis that does not answer stops start-up with a message naming REDIS_URL (not its password) and leaves no port open', async () => {
    const [redisPort, corePort] = [await freePort(), await freePort()];
    const started = startTestCore({ redisUrl: `redis://:s3cret-pw@127.0.0.1:${redisPort}`, port: corePort });
    const error = await started.then(
      () => new Error('started'),
      (err: unknown) => err as Error,
    );
    expect(error.message).toContain(`Redis at redis://:***@127.0.0.1:${redisPort} (REDIS_URL) did not answer within 10000 ms`);
    expect(error.message).not.toContain('s3cret-pw');
    expect(await portIsFree(corePort)).toBe(true);
  });
});

describe('rate limits through Redis', () => {
  let redis: { url: string; stop(): Promise<void> };
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(redis.url, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    clients.push(client);
    return client.connect().then(() => client);
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis.stop();
  });

  it('one budget for every process: what one spends, the other no longer has', async () => {
    // Two processes' limiters, as two core processes create them at start.
    const one = new RateLimits(await connect()).limiter('shared-test', 3, 60);
    const two = new RateLimits(await connect()).limiter('shared-test', 3, 60);
    await one.consume('1.2.3.4');
    await two.consume('1.2.3.4');
    await one.consume('1.2.3.4');
    await expect(two.consume('1.2.3.4')).rejects.toMatchObject({ remainingPoints: 0 });
    // Other keys and other limiters keep their own budgets.
    await expect(two.consume('5.6.7.8')).resolves.toMatchObject({ remainingPoints: 2 });
    await expect(new RateLimits(clients[0]).limiter('other-test', 3, 60).consume('1.2.3.4')).resolves.toMatchObject({ remainingPoints: 2 });
  });

  it('refuses two limiters of one name in one process (they would share Redis keys)', async () => {
    const limits = new RateLimits(await connect());
    limits.limiter('twice', 1, 1);
    expect(() => limits.limiter('twice', 5, 60)).toThrow('Rate limiter "twice" is created twice');
  });

  it('while Redis is away, each process falls back to its own in-memory count', async () => {
    const client = await connect();
    const limiter = new RateLimits(client).limiter('outage-test', 2, 60);
    client.disconnect();
    await expect(limiter.consume('k')).resolves.toMatchObject({ remainingPoints: 1 });
    await limiter.consume('k');
    await expect(limiter.consume('k')).rejects.toMatchObject({ remainingPoints: 0 });
  });
});
