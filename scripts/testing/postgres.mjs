// Throwaway PostgreSQL servers for tests (cms/ and core/ suites share this).
//
//   const pg = await startPostgres();          // { url, stop() }
//   const url2 = await createDatabase(pg.url, 'core_test_1');
//   ...
//   await pg.stop();
//
// Plain Node, no dependencies: runs the Debian PostgreSQL binaries
// (/usr/lib/postgresql/<major>/bin). initdb/pg_ctl refuse to run as root, so when
// we are root they run as the `postgres` system user (runuser) in a temp data dir
// that user owns. The server listens on 127.0.0.1 only, on a free port, with a
// password login role (scram) so clients connect exactly like they would in
// production: over TCP with a postgres:// URL.
//
// CALLPY_TEST_POSTGRES_URL=postgres://user:pw@host:port/db  uses an existing
// server instead (e.g. a CI service container); stop() is then a no-op.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const PG_ROOT = '/usr/lib/postgresql';
const PREFERRED_MAJOR = '15';

/** Directory with initdb/pg_ctl/psql, or a clear error when PostgreSQL is missing. */
export function findPostgresBin() {
  const fromEnv = process.env.CALLPY_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) {
      throw new Error(`CALLPY_PG_BIN=${fromEnv} has no initdb binary`);
    }
    return fromEnv;
  }
  const candidates = [];
  if (existsSync(PG_ROOT)) {
    for (const major of readdirSync(PG_ROOT)) {
      if (existsSync(join(PG_ROOT, major, 'bin', 'initdb'))) candidates.push(major);
    }
  }
  if (candidates.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin. ' +
        'Install it with `apt-get install -y postgresql` (Debian) or set CALLPY_TEST_POSTGRES_URL ' +
        'to an existing server.',
    );
  }
  const major = candidates.includes(PREFERRED_MAJOR)
    ? PREFERRED_MAJOR
    : candidates.sort((a, b) => Number(b) - Number(a))[0];
  return join(PG_ROOT, major, 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds() {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new Error(
      'Running as root but there is no `postgres` system user to run initdb/pg_ctl as ' +
        '(the Debian postgresql package creates it).',
    );
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. Resolves with stdout. */
function run(bin, args, { input, env } = {}) {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', ...env },
      cwd: tmpdir(),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${err || out}`));
    });
    child.stdin.end(input ?? '');
  });
}

function quoteIdent(name) {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid database name ${JSON.stringify(name)} (use letters, digits, _)`);
  }
  return `"${name}"`;
}

const running = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test run forgets stop() or crashes: never leave servers behind.
  process.on('exit', () => {
    for (const s of running) {
      const args = ['stop', '-D', s.dataDir, '-m', 'immediate', '-w'];
      if (isRoot) spawnSync('runuser', ['-u', 'postgres', '--', s.pgCtl, ...args], { stdio: 'ignore' });
      else spawnSync(s.pgCtl, args, { stdio: 'ignore' });
      try {
        rmSync(s.baseDir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  });
}

/**
 * Starts a fresh PostgreSQL server on 127.0.0.1 with a password user and a database.
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startPostgres({ database = 'callpy_test', user = 'callpy' } = {}) {
  const external = process.env.CALLPY_TEST_POSTGRES_URL;
  if (external) return { url: external, async stop() {} };

  const bin = findPostgresBin();
  const pgCtl = join(bin, 'pg_ctl');
  const baseDir = mkdtempSync(join(tmpdir(), 'callpy-pg-'));
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'server.log');
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(baseDir, uid, gid);
  }
  const password = randomBytes(12).toString('hex');
  const state = { baseDir, dataDir, pgCtl };

  try {
    // Superuser `postgres` uses the socket (trust) for setup; TCP requires a password.
    await run(join(bin, 'initdb'), [
      '-D', dataDir,
      '-U', 'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);

    let port;
    let started = false;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      port = await freePort();
      try {
        await run(pgCtl, [
          'start', '-D', dataDir, '-l', logFile, '-w', '-t', '60',
          '-o', `-p ${port} -k ${baseDir} -c listen_addresses=127.0.0.1 -c fsync=off ` +
            '-c synchronous_commit=off -c full_page_writes=off -c max_connections=100',
        ]);
        started = true;
      } catch (err) {
        let log = '';
        try { log = readFileSync(logFile, 'utf8'); } catch { /* no log */ }
        // Port raced with someone else: try another; otherwise give up.
        if (!/could not bind|already in use/i.test(log) || attempt === 4) {
          throw new Error(`${err.message}\n--- server log ---\n${log}`);
        }
      }
    }
    running.add(state);
    installExitHook();

    const psql = join(bin, 'psql');
    await run(psql, ['-h', baseDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres',
      '-v', 'ON_ERROR_STOP=1', '-q'], {
      input:
        `CREATE ROLE ${quoteIdent(user)} LOGIN SUPERUSER PASSWORD '${password}';\n` +
        `CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(user)};\n`,
    });

    const url = `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
    let stopped = false;
    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await run(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
        } finally {
          running.delete(state);
          rmSync(baseDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid'))) {
        await run(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      }
    } catch { /* already down */ }
    running.delete(state);
    rmSync(baseDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Creates database `name` on the server behind `url` (its user needs CREATEDB) and
 * returns a URL pointing at it. Uses psql over TCP, so it works as any OS user.
 */
export async function createDatabase(url, name) {
  const ident = quoteIdent(name);
  const u = new URL(url);
  const bin = findPostgresBinOrNull();
  const psql = bin ? join(bin, 'psql') : 'psql';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await new Promise((resolve, reject) => {
    const child = spawn(psql, [admin.toString(), '-v', 'ON_ERROR_STOP=1', '-q', '-c',
      `CREATE DATABASE ${ident}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`CREATE DATABASE ${name} failed: ${err.trim()}`)),
    );
  });
  u.pathname = `/${name}`;
  return u.toString();
}

function findPostgresBinOrNull() {
  try {
    return findPostgresBin();
  } catch {
    return null;
  }
}
