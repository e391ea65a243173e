// Installs what a fresh clone is missing: npm packages of the root workspaces and of cms/, and the
// Debian packages a caller asks for. Re-running is cheap: a stamp of each lockfile is kept.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';

const stampOf = (file) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'none');

async function npmInstall(dir, label) {
  const stampFile = path.join(dir, 'node_modules', '.callpy-install-stamp');
  const lock = path.join(dir, 'package-lock.json');
  const wanted = stampOf(lock) + stampOf(path.join(dir, 'package.json'));
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === wanted) return;
  // `npm install`, not `npm ci`: Strapi's lockfile names optional packages of other platforms
  // that are not published for this one, and `npm ci` refuses that.
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    label,
    env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  fs.writeFileSync(stampFile, stampOf(lock) + stampOf(path.join(dir, 'package.json')));
}

/**
 * The two projects install side by side: most of each install is one process compiling
 * better-sqlite3 (no prebuilt binaries can be fetched here), so on two cores they overlap.
 */
export async function ensureNpmPackages(repoRoot) {
  await Promise.all([npmInstall(repoRoot, 'npm install (core, panel, widget)'), npmInstall(path.join(repoRoot, 'cms'), 'npm install (cms)')]);
}

const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Debian packages by the binary or file that proves each is there: { chromium: '/usr/bin/chromium', … }. */
export async function ensureDebianPackages(packages) {
  const missing = Object.entries(packages)
    .filter(([, probe]) => (probe.startsWith('/') ? !fs.existsSync(probe) && !globExists(probe) : !has(probe)))
    .map(([name]) => name);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, label: 'apt-get update' });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, label: `apt-get install ${missing.join(' ')}` });
}

function globExists(pattern) {
  // Only the `*` in one path segment we need (/usr/lib/postgresql/*/bin/initdb).
  const [before, after] = pattern.split('/*/');
  return fs.existsSync(before) && fs.readdirSync(before).some((d) => fs.existsSync(path.join(before, d, after)));
}
