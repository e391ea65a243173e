// Test helpers: build the server once, boot the real Strapi (admin off) as a child process
// exactly like the core does (scripts/serve.mjs), and receive its webhooks.

import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../scripts/testing/postgres.mjs';

export const cmsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(cmsDir, '..');

let built = false;
/** tsc → cms/dist, once per process (npm test builds before and sets CALLPY_CMS_BUILT=1). */
export function buildServer() {
  if (built || process.env.CALLPY_CMS_BUILT === '1') return;
  execFileSync(process.execPath, [join(cmsDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: cmsDir,
    stdio: 'inherit',
  });
  built = true;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createNetServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

export const secret = (n = 24) => randomBytes(n).toString('hex');

export function strapiSecrets() {
  return {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
}

/**
 * A scratch copy of the repo's content-type folders (the core's and the chat's: departments and
 * schedules are the chat's) plus one fake plugin content type, so the tests prove discovery from
 * plugins/ too without touching the real tree.
 */
export function makeRepoTree(dir) {
  mkdirSync(join(dir, 'core'), { recursive: true });
  cpSync(join(repoDir, 'core', 'content-types'), join(dir, 'core', 'content-types'), { recursive: true });
  cpSync(join(repoDir, 'plugins', 'chat', 'content-types'), join(dir, 'plugins', 'chat', 'content-types'), { recursive: true });
  const noteDir = join(dir, 'plugins', 'demo', 'content-types', 'demo-note');
  mkdirSync(noteDir, { recursive: true });
  // Installed plugins (a manifest file is what makes one): plugin enablements may name these only.
  for (const id of ['demo', 'chat']) {
    mkdirSync(join(dir, 'plugins', id), { recursive: true });
    writeFileSync(join(dir, 'plugins', id, 'plugin.ts'), 'export default {};\n');
  }
  writeFileSync(
    join(noteDir, 'schema.json'),
    JSON.stringify({
      kind: 'collectionType',
      info: { singularName: 'demo-note', pluralName: 'demo-notes', displayName: 'Demo note' },
      options: { draftAndPublish: false },
      attributes: {
        text: { type: 'text', required: true },
        site: { type: 'relation', relation: 'manyToOne', target: 'plugin::callpy.site' },
      },
    }),
  );
  return dir;
}

/** The snapshot keys of a repo tree's content types: camelCased pluralNames. */
export function snapshotKeysOf(root) {
  const keys = [];
  for (const group of [join(root, 'core'), ...['plugins', 'integrations'].flatMap((g) => subdirs(join(root, g)).map((id) => join(root, g, id)))]) {
    for (const name of subdirs(join(group, 'content-types'))) {
      const { pluralName } = JSON.parse(readFileSync(join(group, 'content-types', name, 'schema.json'), 'utf8')).info;
      keys.push(pluralName.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()));
    }
  }
  return keys;
}

const subdirs = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);

/** Collects webhook deliveries. */
export async function startWebhookReceiver() {
  const received = [];
  const waiters = new Set();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let json = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* keep raw */
      }
      received.push({ path: req.url, headers: req.headers, body: json ?? body });
      for (const w of waiters) w();
      res.writeHead(200).end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/strapi-webhook`,
    received,
    /** Resolves with the first delivery matching `pred` (already received or future). */
    waitFor(pred, timeoutMs = 10000) {
      return new Promise((res, rej) => {
        const check = () => {
          const hit = received.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            res(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          rej(new Error(`no matching webhook within ${timeoutMs} ms; got: ${JSON.stringify(received.map((r) => [r.body?.event, r.body?.uid]))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Boots cms/scripts/serve.mjs with `env`; resolves once GET /_health answers. */
/**
 * Points `env` at a database of `engine`: a throwaway PostgreSQL server (returned, for the caller
 * to stop) or a SQLite file under `dir`.
 */
export async function useDatabase(engine, dir, env) {
  if (engine !== 'postgres') {
    env.CMS_DATABASE_FILENAME = join(dir, 'data', 'cms.db');
    return undefined;
  }
  const pg = await startPostgres();
  env.CMS_DATABASE_URL = pg.url;
  return pg;
}

export async function startCms(env, { timeoutMs = 90000 } = {}) {
  const port = env.CMS_PORT ? Number(env.CMS_PORT) : await freePort();
  const child = spawn(process.execPath, [join(cmsDir, 'scripts', 'serve.mjs')], {
    cwd: cmsDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      CMS_HOST: '127.0.0.1',
      CMS_SERVE_ADMIN: 'false',
      CMS_LOG_LEVEL: process.env.CMS_TEST_LOG_LEVEL || 'warn',
      ...env,
      CMS_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  if (process.env.CMS_TEST_VERBOSE) {
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
  }
  let exited = null;
  const exit = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));

  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`Strapi exited (${JSON.stringify(exited)}) before it was ready:\n${output}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`Strapi not ready after ${timeoutMs} ms:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/_health`);
      if (res.status === 204 || res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    bootMs: Date.now() - started,
    output: () => output,
    async stop() {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
  };
}

/** fetch wrapper: JSON in/out, returns { status, body }. */
export function client(baseUrl, token) {
  return async function call(method, path, body, { headers = {}, auth = token } = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(auth ? { Authorization: `Bearer ${auth}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
