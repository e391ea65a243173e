import net from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cmsClient, seedAccount, startTestCore, type TestCore } from '../support/harness.js';

/** A TCP relay in front of the CMS that a test can cut, to play a CMS outage. */
function cuttableRelay(target: URL): Promise<{ url: string; cut(): void; restore(): void; close(): void }> {
  let up = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        cut: () => {
          up = false;
          for (const s of sockets) s.destroy();
        },
        restore: () => void (up = true),
        close: () => server.close(),
      });
    }),
  );
}

const cores: TestCore[] = [];
afterAll(async () => {
  for (const c of cores) await c.stop();
});

describe('content cache', () => {
  it('refreshes on the CMS webhook', async () => {
    const core = await startTestCore({ port: inject('webhookPort') });
    cores.push(core);
    const acc = await seedAccount(core);
    const client = cmsClient();
    const account = core.content.account(acc.accountId)!;
    await client.accounts.update(account.documentId, { name: 'Renamed by the agency' });
    await expect.poll(() => core.content.account(acc.accountId)?.name, { timeout: 5000 }).toBe('Renamed by the agency');
  });

  it('refuses a webhook without the shared secret', async () => {
    const core = cores[0]!;
    const res = await core.api.call('POST', '/internal/cms-webhook', { body: { event: 'entry.update' }, headers: { 'x-callpy-webhook-secret': 'wrong' } });
    expect(res.status).toBe(401);
  });

  it('keeps serving from cache while the CMS is down and says so in /readyz', async () => {
    const relay = await cuttableRelay(new URL(inject('cmsUrl')));
    const core = await startTestCore({ cmsUrl: relay.url });
    cores.push(core);
    const acc = await seedAccount(core);
    const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    expect((await core.api.call('GET', '/readyz')).body).toMatchObject({ status: 'ready' });

    relay.cut();
    await core.content.refresh();
    const ready = await core.api.call<{ status: string; cms: { stale: boolean; lastError: string } }>('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.cms.stale).toBe(true);
    // Signed-in users keep working from cache.
    expect((await core.api.call('GET', '/api/me', { token })).status).toBe(200);
    // A write needs the CMS: a clear 503, and nothing half-done.
    const write = await core.api.call('POST', '/api/sites', { token, body: { name: 'During outage', url: 'https://outage.example' } });
    expect(write.status).toBe(503);
    expect(write.body).toMatchObject({ error: { code: 'content_store_unavailable' } });

    relay.restore();
    await core.content.refresh();
    expect((await core.api.call('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
    relay.close();
  });

  it('answers /healthz', async () => {
    expect((await cores[0]!.api.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
  });
});

