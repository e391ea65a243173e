#!/usr/bin/env node
// `npm test`: every test on a fresh machine. Installs what is missing (npm packages; Debian's
// chromium, fonts-noto-color-emoji, postgresql, redis-server and coturn), builds, then runs type-check, lint, unit tests, integration tests on
// SQLite and on PostgreSQL against a real Strapi, the CMS's own tests, the panel's unit tests in
// Chromium, and the browser end-to-end tests. Stops at the first failing step.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureDebianPackages, ensureNpmPackages } = await import('./lib/install.mjs');
const { run } = await import('./lib/run.mjs');
const { buildAll } = await import('./lib/build.mjs');

const only = process.argv.slice(2);
/** `git status` lines of tracked files that differ from the commit (none outside a git clone). */
const trackedChanges = () => {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
};
const started = Date.now();
const timings = [];

/**
 * Type-check and lint remember what they checked (under node_modules/.cache, never in the clone's
 * tracked files): a second run re-checks only what changed (root project: 52 s → 23 s measured).
 */
const cacheDir = path.join(root, 'node_modules/.cache/callpy-test');
fs.mkdirSync(cacheDir, { recursive: true });
const incremental = (project) => ['--incremental', '--tsBuildInfoFile', path.join(cacheDir, `${project.replace(/[/\\]/g, '_')}.tsbuildinfo`)];

const steps = [
  ['typecheck', 'type-check', async () => {
    for (const project of ['tsconfig.json', 'widget/tsconfig.json', 'widget/test/tsconfig.json', 'e2e/tsconfig.json']) await run('npx', ['tsc', '-p', project, ...incremental(project)], { cwd: root });
  }],
  ['lint', 'lint (eslint)', () => run('npx', ['eslint', '.', '--cache', '--cache-location', path.join(cacheDir, 'eslint')], { cwd: root })],
  ['unit', 'unit tests', () => run('npx', ['vitest', 'run', '--project', 'unit'], { cwd: root })],
  ['sqlite', 'integration tests on SQLite', () => run('npx', ['vitest', 'run', '--project', 'integration'], { cwd: root, env: { DB_ENGINE: 'sqlite' } })],
  ['postgres', 'integration tests on PostgreSQL', () => run('npx', ['vitest', 'run', '--project', 'integration'], { cwd: root, env: { DB_ENGINE: 'postgres' } })],
  ['cms', 'CMS tests (Strapi on SQLite and PostgreSQL)', () => run('npm', ['test'], { cwd: path.join(root, 'cms') })],
  ['panel', 'operator panel unit tests (Chromium)', () => run('npm', ['test'], { cwd: path.join(root, 'admin-ui'), env: { CHROME_BIN: '/usr/bin/chromium' } })],
  ['e2e', 'browser end-to-end tests (Playwright, Chromium)', () => run('npx', ['playwright', 'test'], { cwd: root })],
];

try {
  // fonts-noto-color-emoji: the widget's emoji picker and messages render in colour in screenshots.
  await ensureDebianPackages({
    chromium: '/usr/bin/chromium',
    'fonts-noto-color-emoji': '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
    // A9: the billing plugin's invoices (PDF, Cyrillic).
    'fonts-dejavu-core': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    postgresql: '/usr/lib/postgresql/*/bin/initdb',
    'redis-server': '/usr/bin/redis-server',
    // Issue 11: calls through a real TURN relay (scripts/testing/coturn.mjs).
    coturn: '/usr/bin/turnserver',
  });
  const trackedBefore = trackedChanges();
  await ensureNpmPackages(root);
  await buildAll(root);
  for (const [id, label, step] of steps) {
    if (only.length && !only.includes(id)) continue;
    const t0 = Date.now();
    console.log(`\n▶ ${label}`);
    await step();
    const seconds = (Date.now() - t0) / 1000;
    timings.push([label, seconds]);
    console.log(`✔ ${label} (${seconds.toFixed(1)} s)`);
  }
  // Tests and installs must not rewrite the clone (lockfiles, snapshots, fixtures): what was clean stays clean.
  const changed = trackedChanges().filter((line) => !trackedBefore.includes(line));
  if (changed.length) throw new Error(`the test run changed tracked files:\n${changed.join('\n')}`);
  console.log('\nAll test steps passed:');
  for (const [label, s] of timings) console.log(`  ${s.toFixed(1).padStart(6)} s  ${label}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  in all`);
} catch (err) {
  console.error(`\n✖ ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
