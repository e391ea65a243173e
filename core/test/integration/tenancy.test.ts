import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

let core: TestCore;
let a: SeededAccount;
let b: SeededAccount;
let tokenA: string;
let tokenB: string;
let siteB: { id: string; publicKey: string };

beforeAll(async () => {
  core = await startTestCore({ plugins: { hello: { options: { greeting: 'hi' } } } });
  a = await seedAccount(core, 'Tenant A');
  b = await seedAccount(core, 'Tenant B');
  tokenA = (await core.api.login(a.admin.email, a.admin.password)).accessToken;
  tokenB = (await core.api.login(b.admin.email, b.admin.password)).accessToken;
  await core.api.call('POST', '/api/sites', { token: tokenA, body: { name: 'A', url: 'https://a.example' } });
  siteB = (await core.api.call<{ id: string; publicKey: string }>('POST', '/api/sites', { token: tokenB, body: { name: 'B', url: 'https://b.example' } })).body;
  await core.api.call('POST', '/api/hello/items', { token: tokenB, body: { text: 'secret of B' } });
});
afterAll(() => core?.stop());

const socketOf = (token: string, origin = 'http://panel.test'): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(`${core.url}/hello`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin } });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

describe('tenancy: a user of account A reaches nothing of account B', () => {
  it('over REST', async () => {
    const sites = await core.api.call<{ id: string }[]>('GET', '/api/sites', { token: tokenA });
    expect(sites.body.map((s) => s.id)).not.toContain(siteB.id);
    expect((await core.api.call('GET', `/api/sites/${siteB.id}/install-code`, { token: tokenA })).status).toBe(404);
    const team = await core.api.call<{ id: number }[]>('GET', '/api/team', { token: tokenA });
    expect(team.body.map((m) => m.id)).not.toContain(b.operator.id);
    expect((await core.api.call('POST', `/api/team/${b.operator.id}/disconnect`, { token: tokenA })).status).toBe(404);
    const items = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: tokenA });
    expect(items.body).toEqual([]);
    // B's operator is untouched: still a member of B, still able to sign in.
    const teamB = await core.api.call<{ id: number; status: string }[]>('GET', '/api/team', { token: tokenB });
    expect(teamB.body.find((m) => m.id === b.operator.id)?.status).toBe('active');
    expect((await core.api.login(b.operator.email, b.operator.password)).accessToken).toEqual(expect.any(String));
  });

  it('over sockets', async () => {
    const socketA = await socketOf(tokenA);
    const added = (await socketA.emitWithAck('item.add', { text: 'of A' })) as { ok: boolean };
    expect(added.ok).toBe(true);
    const itemsA = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: tokenA });
    const itemsB = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: tokenB });
    expect(itemsA.body.map((i) => i.text)).toEqual(['of A']);
    expect(itemsB.body.map((i) => i.text)).toEqual(['secret of B']);
    socketA.close();
  });

  it('a visitor of B\'s site connects only from B\'s addresses and acts only in B', async () => {
    const visitor = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: siteB.publicKey }, headers: { origin: 'https://b.example' } });
    // a.example is a known address, but of account A's site: the engine lets it in, the namespace does not.
    await expect(socketOf(visitor.body.visitorToken, 'https://a.example')).rejects.toThrow('unauthorized');
    // An address no site has is refused by the engine before any namespace sees it.
    await expect(socketOf(visitor.body.visitorToken, 'https://unknown.example')).rejects.toThrow('websocket error');
    await expect(socketOf(visitor.body.visitorToken, 'http://panel.test')).rejects.toThrow('unauthorized');
    const s = await socketOf(visitor.body.visitorToken, 'https://b.example');
    // Both halves: the visitor's action succeeds, and it lands in B, not in A.
    expect(await s.emitWithAck('item.add', { text: 'from visitor' })).toMatchObject({ ok: true, data: { text: 'from visitor' } });
    const itemsA = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: tokenA });
    const itemsB = await core.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: tokenB });
    expect(itemsA.body.map((i) => i.text)).not.toContain('from visitor');
    expect(itemsB.body.map((i) => i.text)).toContain('from visitor');
    s.close();
  });

  it('a panel socket from a foreign origin is refused', async () => {
    await expect(socketOf(tokenA, 'https://evil.example')).rejects.toThrow('websocket error');
  });
});
