import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ephemeralSecrets } from '../../../scripts/lib/secrets.mjs';
import { fixturesRoot, repoRoot } from '../support/paths.js';

/** Runs the real entry point as its own process, as production does, and returns what it said. */
function runCore(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-start-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'core/src/main.ts')], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ...result, dataDir };
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

const validEnv = () => {
  const s = ephemeralSecrets();
  return {
    CMS_API_TOKEN: s.CMS_API_TOKEN,
    CORE_WEBHOOK_SECRET: s.CORE_WEBHOOK_SECRET,
    CORE_JWT_SECRET: s.CORE_JWT_SECRET,
    VISITOR_TOKEN_SECRET: s.VISITOR_TOKEN_SECRET,
    CORE_SECRETS_KEY: s.CORE_SECRETS_KEY,
    PLUGIN_DIRS: fixturesRoot,
    PORT: '38117',
    HOST: '127.0.0.1',
  } as Record<string, string>;
};

// Each test starts the core as its own process (tsx compiling main.ts): seconds on a busy machine,
// so the ceiling is the process's own 30 s limit, not vitest's 5 s default.
describe('start-up with a bad configuration', { timeout: 35_000 }, () => {
  it('names every missing or invalid environment variable and exits 2', () => {
    const { status, stderr } = runCore({ PORT: 'eighty', CORE_JWT_SECRET: 'short' });
    expect(status).toBe(2);
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('CMS_API_TOKEN: CMS_API_TOKEN is required');
    expect(stderr).toContain('CORE_JWT_SECRET: CORE_JWT_SECRET must be at least 32 characters');
  });

  it('names the plugin and the field of an invalid option, opens nothing, creates nothing', async () => {
    const env = { ...validEnv(), PLUGINS_CONFIG: path.join(fixturesRoot, 'configs/invalid-option.config.ts') };
    const { status, stderr, dataDir } = runCore(env);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Plugin "hello": option "greeting": .*expected string/i);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(await portIsFree(38117)).toBe(true);
  });

  it('names a dependency cycle', () => {
    const { status, stderr } = runCore({ ...validEnv(), PLUGINS_CONFIG: path.join(fixturesRoot, 'configs/cycle.config.ts') });
    expect(status).toBe(2);
    expect(stderr).toContain('dependency cycle cycle-a → cycle-b → cycle-a');
  });

  it('says when the configuration file does not exist', () => {
    const { status, stderr } = runCore({ ...validEnv(), PLUGINS_CONFIG: '/nonexistent/plugins.config.ts' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('/nonexistent/plugins.config.ts');
  });
});
