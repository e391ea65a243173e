import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { describe, expect, inject, it, vi } from 'vitest';
import { freePort, waitForHttp } from '../../../scripts/lib/processes.mjs';
import { slowStarted } from '../fixtures/plugins/hello/plugin.js';
import { lifecycle } from '../fixtures/plugins/lifecycle.js';
import { fixturesRoot, seedAccount, startTestCore } from '../support/harness.js';
import { repoRoot } from '../support/paths.js';

describe('graceful shutdown', () => {
  it('finishes requests and socket events in flight, refuses new ones, and keeps what was acknowledged', async () => {
    const core = await startTestCore({ plugins: { hello: { options: { greeting: 'hi' } } } });
    const acc = await seedAccount(core);
    const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const socket = connect(`${core.url}/hello`, { auth: { token }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    const slowRequest = core.api.call('GET', '/api/hello/slow?ms=700', { token });
    const slowEvent = socket.emitWithAck('slow', { ms: 700 });
    const stored = socket.emitWithAck('item.add', { text: 'acknowledged before shutdown' });
    await vi.waitFor(() => expect([...slowStarted].sort()).toEqual(['http', 'socket']));
    const stopping = core.stop();

    expect((await slowRequest).body).toEqual({ finished: true });
    expect(await slowEvent).toEqual({ ok: true, data: { finished: true } });
    expect(await stored).toMatchObject({ ok: true });
    await stopping;
    await expect(fetch(`${core.url}/healthz`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    socket.close();

    // The acknowledged write is in the database the next process opens.
    const next = await startTestCore({ plugins: { hello: { options: { greeting: 'hi' } } }, database: core.config.database });
    const again = (await next.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const items = await next.api.call<{ text: string }[]>('GET', '/api/hello/items', { token: again });
    expect(items.body.map((i) => i.text)).toEqual(['acknowledged before shutdown']);
    await next.stop();
  });

  it('starts plugins in dependency order and stops them in reverse', async () => {
    lifecycle.length = 0;
    const core = await startTestCore({ plugins: { echo: {}, hello: { options: { greeting: 'hi' } } } });
    await core.stop();
    expect(lifecycle).toEqual(['start hello', 'start echo', 'stop echo', 'stop hello']);
  });

  it('a plugin that fails to start stops the start and leaves no port open', async () => {
    await expect(startTestCore({ plugins: { 'broken-setup': {} } })).rejects.toThrow('Plugin "broken-setup" failed to start: cannot reach the moon');
    await expect(startTestCore({ plugins: { 'bad-tables': {} } })).rejects.toThrow('"bad-tables" created tables outside its prefix "bad-tables_": items');
  });
});

describe('the core process', () => {
  it('stops cleanly on SIGTERM with exit code 0, logging each step as JSON', async () => {
    const secrets = inject('secrets');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-sigterm-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'core/src/main.ts')], {
      env: {
        PATH: process.env.PATH,
        ...secrets,
        CMS_URL: inject('cmsUrl'),
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        PLUGIN_DIRS: fixturesRoot,
        PLUGINS_CONFIG: path.join(fixturesRoot, 'configs/hello.config.ts'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, { child, name: 'core' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = out
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string; plugin?: string }))
      .map((e) => (e.plugin ? `${e.msg} ${e.plugin}` : e.msg));
    expect(messages).toEqual(expect.arrayContaining(['core started', 'signal received', 'plugin stopped hello', 'stopped']));
    expect(messages.indexOf('plugin stopped hello')).toBeLessThan(messages.indexOf('stopped'));
    expect(out).not.toContain(secrets.CMS_API_TOKEN);
  });
});
