import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentStoreClient } from '../../core/src/content/content-store.client.js';
import { createVisitorTokens } from '../../core/src/visitors/visitor-token.js';
import { startCms } from '../../scripts/lib/cms-process.mjs';
import { freePort, waitForHttp } from '../../scripts/lib/processes.mjs';
import { ephemeralSecrets } from '../../scripts/lib/secrets.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A scratch folder for one bench run; removed by the caller's `cleanup`. */
export const scratchDir = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `callpy-bench-${label}-`));

export interface BenchCms {
  url: string;
  secrets: Record<string, string>;
  dir: string;
  client: ContentStoreClient;
  stop(): Promise<void>;
}

/** The real Strapi, as the integration tests start it (SQLite, admin panel off). */
export async function startBenchCms(dir: string): Promise<BenchCms> {
  const secrets = ephemeralSecrets() as Record<string, string>;
  const cms = await startCms({ secrets, dataDir: dir, logFile: path.join(dir, 'cms.log') });
  return { url: cms.url, secrets, dir, client: new ContentStoreClient(cms.url, secrets.CMS_API_TOKEN!), stop: () => cms.stop() };
}

export interface Operator {
  id: number;
  email: string;
  password: string;
}

export interface BenchAccount {
  accountId: string;
  site: { id: string; publicKey: string; origin: string };
  operators: Operator[];
}

/** One account with `operators` operators and a site at `origin`, written straight to the CMS. */
export async function seedBenchAccount(cms: BenchCms, operators: number, origin: string): Promise<BenchAccount> {
  const account = await cms.client.accounts.create({ name: `Bench ${randomBytes(3).toString('hex')}`, language: 'en' });
  const site = await cms.client.sites.create({ name: 'Bench shop', url: origin, origins: [origin], publicKey: randomBytes(12).toString('base64url'), chatLanguage: 'en', account: account.documentId });
  const password = 'bench password 1';
  const users: Operator[] = [];
  for (let i = 0; i < operators; i++) {
    const email = `op${i}-${randomBytes(3).toString('hex')}@bench.test`;
    const user = await cms.client.createUser({ email, password, account: account.documentId, role: 'operator', confirmed: true, firstName: 'Op', lastName: String(i) });
    users.push({ id: user.id, email, password });
  }
  return { accountId: account.documentId, site: { id: site.documentId, publicKey: site.publicKey, origin }, operators: users };
}

export interface CoreProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The real core entry point in its own process (so the bench's clients do not share its CPU time
 * or heap), with the open-files limit raised to the hard limit for many sockets.
 */
export async function startCoreProcess(
  cms: BenchCms,
  options: { dir: string; databaseUrl?: string; env?: Record<string, string>; nodeArgs?: string[]; name?: string },
): Promise<CoreProcess> {
  const port = await freePort();
  const name = options.name ?? 'core';
  const logFile = path.join(options.dir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...cms.secrets,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: path.join(options.dir, name),
    CMS_URL: cms.url,
    LOG_LEVEL: 'warn',
    // Every bench visitor comes from 127.0.0.1: the per-address cap (100) would refuse the 101st.
    SOCKET_CONNECTIONS_PER_ADDRESS: '50000',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const node = [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(repoRoot, 'core/src/main.ts')];
  const child = spawnWithFileLimit(node, env, out);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, { child, name, timeoutMs: 120_000 });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    pid: child.pid!,
    child,
    logFile,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `node args…` with the soft open-files limit raised to the hard one (`exec` keeps the pid). */
export function spawnWithFileLimit(nodeArgs: string[], env: Record<string, string>, out: number | 'inherit' | 'pipe'): ChildProcess {
  return spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"', process.execPath, ...nodeArgs], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', out, out === 'pipe' ? 'inherit' : out],
  });
}

/**
 * Visitor tokens minted with the core's own signing function and the installation's secret: the
 * widget session route allows 60 an address a minute, and a bench opens thousands from one address.
 */
export function visitorMinter(secret: string, siteId: string): () => Promise<{ visitorId: string; token: string }> {
  const tokens = createVisitorTokens(secret);
  return async () => {
    const visitorId = randomUUID();
    return { visitorId, token: await tokens.sign({ site: siteId }, visitorId) };
  };
}

export async function login(coreUrl: string, operator: Operator): Promise<string> {
  const res = await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: operator.email, password: operator.password }) });
  if (!res.ok) throw new Error(`login of ${operator.email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
