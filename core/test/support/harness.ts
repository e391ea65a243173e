import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase } from '../../../scripts/testing/postgres.mjs';
import type { CoreConfig } from '../../src/config/env.js';
import type { Clock } from '../../src/kernel/clock.js';
import { ContentStoreClient } from '../../src/content/content-store.client.js';
import type { PluginsConfig } from '../../src/kernel/plugins-config.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import { startPlatform, type Platform } from '../../src/platform.js';
import { fixturesRoot } from './paths.js';

export { fixturesRoot };



export interface TestCore extends Platform {
  config: CoreConfig;
  api: Api;
}

export interface StartOptions {
  plugins?: PluginsConfig['plugins'];
  smtpUrl?: string;
  port?: number;
  /** Reuse the database of an earlier core (restart tests). */
  database?: CoreConfig['database'];
  widgetDir?: string;
  /** Another way to the suite's CMS (e.g. a relay a test can cut). */
  cmsUrl?: string;
  /** Share sockets, rate limits and content changes with other cores through this Redis. */
  redisUrl?: string;
  /** Time for timed jobs (schedule edges): a FakeClock the test moves. */
  clock?: Clock;
  /** Socket transport limits other than the defaults (frame size, byte budget, connections per address). */
  socketLimits?: CoreConfig['socketLimits'];
  /** The address browsers reach the core at; `http://panel.test` unless a test needs another. */
  publicUrl?: string;
  /** PREVIEW_ALLOWED_HOSTS: inner hosts "preview over my site" may load. */
  previewAllowedHosts?: string[];
  /** Where the core logs; silent unless a test reads the log. */
  logger?: Logger;
  /** TEST_CLOCK_TOKEN: the core's clock movable through /internal/test-clock (as the e2e stack runs it). */
  testClockToken?: string;
}

/** A real core on a free port, on SQLite or PostgreSQL (DB_ENGINE), against the suite's Strapi. */
export async function startTestCore(options: StartOptions = {}): Promise<TestCore> {
  const secrets = inject('secrets');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-core-'));
  const postgresUrl = inject('postgresUrl');
  const database: CoreConfig['database'] =
    options.database ??
    (postgresUrl
      ? { engine: 'postgres', url: await createDatabase(postgresUrl, `core_${randomBytes(6).toString('hex')}`) }
      : { engine: 'sqlite', file: path.join(dataDir, 'callpy.db') });
  const config: CoreConfig = {
    env: 'test',
    host: '127.0.0.1',
    port: options.port ?? 0,
    publicUrl: options.publicUrl ?? 'http://panel.test',
    dataDir,
    database,
    redisUrl: options.redisUrl,
    cms: { url: options.cmsUrl ?? inject('cmsUrl'), apiToken: secrets.CMS_API_TOKEN!, webhookSecret: secrets.CORE_WEBHOOK_SECRET!, resyncSeconds: 3600 },
    secrets: { jwt: secrets.CORE_JWT_SECRET!, visitor: secrets.VISITOR_TOKEN_SECRET!, sealing: secrets.CORE_SECRETS_KEY! },
    mail: { smtpUrl: options.smtpUrl, from: 'Callpy <no-reply@callpy.test>', folder: path.join(dataDir, 'mail') },
    files: { store: 'local', folder: path.join(dataDir, 'files') },
    logLevel: 'silent',
    pluginsConfigPath: undefined,
    pluginDirs: [fixturesRoot],
    adminUiDir: path.join(dataDir, 'no-admin-ui'),
    widgetDir: options.widgetDir ?? path.join(dataDir, 'no-widget'),
    shutdownTimeoutMs: 5000,
    socketLimits: options.socketLimits,
    previewAllowedHosts: options.previewAllowedHosts ?? [],
    testClockToken: options.testClockToken,
  };
  const platform = await startPlatform({
    config,
    logger: options.logger ?? createLogger('silent'),
    pluginsConfig: { plugins: options.plugins ?? {} },
    cmsWaitMs: 10_000,
    clock: options.clock,
  });
  return Object.assign(platform, { config, api: new Api(platform.url) });
}

export function cmsClient(): ContentStoreClient {
  return new ContentStoreClient(inject('cmsUrl'), inject('secrets').CMS_API_TOKEN!);
}

export const uniqueEmail = (label: string) => `${label}-${randomBytes(5).toString('hex')}@example.test`;

export interface SeededAccount {
  accountId: string;
  admin: { id: number; email: string; password: string };
  operator: { id: number; email: string; password: string };
}

/**
 * An account with an admin and an operator, created straight in the CMS; `core`'s content cache
 * re-reads it (a core in another process loads it at its start instead).
 */
export async function seedAccount(core: { content: Pick<Platform['content'], 'refresh'> }, name = 'Test account'): Promise<SeededAccount> {
  const client = cmsClient();
  const account = await client.accounts.create({ name: `${name} ${randomBytes(3).toString('hex')}`, language: 'en' });
  const password = 'correct horse battery';
  const admin = await client.createUser({ email: uniqueEmail('admin'), password, account: account.documentId, role: 'account-admin', confirmed: true, firstName: 'Anna', lastName: 'Admin' });
  const operator = await client.createUser({ email: uniqueEmail('op'), password, account: account.documentId, role: 'operator', confirmed: true, firstName: 'Oleg', lastName: 'Operator' });
  await core.content.refresh();
  return {
    accountId: account.documentId,
    admin: { id: admin.id, email: admin.email, password },
    operator: { id: operator.id, email: operator.email, password },
  };
}

/** One more confirmed user of an existing account (e.g. a second operator for routing tests). */
export async function seedUser(
  core: { content: Pick<Platform['content'], 'refresh'> },
  accountId: string,
  person: { firstName: string; lastName: string; role?: 'account-admin' | 'operator' },
): Promise<{ id: number; email: string; password: string }> {
  const password = 'correct horse battery';
  const user = await cmsClient().createUser({ email: uniqueEmail(person.firstName.toLowerCase()), password, account: accountId, role: person.role ?? 'operator', confirmed: true, firstName: person.firstName, lastName: person.lastName });
  await core.content.refresh();
  return { id: user.id, email: user.email, password };
}

/**
 * An agency with one staff member, and a client account of it, created straight in the CMS. Staff
 * are created by the CMS's seed (`npm start`), never through the core, so the core's client has no
 * call for them: this posts to the CMS's user route itself.
 */
export async function seedAgency(
  core: { content: Pick<Platform['content'], 'refresh'> },
  name = 'Test agency',
): Promise<{ agencyId: string; clientId: string; staff: { id: number; email: string; password: string } }> {
  const client = cmsClient();
  const agency = await client.collection<{ documentId: string; name: string }>('agencies').create({ name: `${name} ${randomBytes(3).toString('hex')}` });
  const account = await client.accounts.create({ name: `Client of ${name} ${randomBytes(3).toString('hex')}`, language: 'en', agency: agency.documentId });
  const password = 'correct horse battery';
  const res = await fetch(`${inject('cmsUrl')}/api/callpy/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inject('secrets').CMS_API_TOKEN!}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: uniqueEmail('staff'), password, role: 'agency-staff', agency: agency.documentId, confirmed: true, firstName: 'Olga', lastName: 'Agent' }),
  });
  if (res.status !== 201) throw new Error(`staff not created: ${res.status} ${await res.text()}`);
  const staff = (await res.json()) as { id: number; email: string };
  await core.content.refresh();
  return { agencyId: agency.documentId, clientId: account.documentId, staff: { id: staff.id, email: staff.email, password } };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** fetch with JSON in and out, for the tests' REST calls. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: Record<string, unknown> }> {
    const res = await this.call<{ accessToken: string; refreshToken: string; user: Record<string, unknown> }>('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}
