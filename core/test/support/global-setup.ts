import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCms } from '../../../scripts/lib/cms-process.mjs';
import { freePort } from '../../../scripts/lib/processes.mjs';
import { ephemeralSecrets } from '../../../scripts/lib/secrets.mjs';
import { startPostgres } from '../../../scripts/testing/postgres.mjs';
import { fixturesRoot } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cmsUrl: string;
    secrets: Record<string, string>;
    /** A port the CMS webhook points at; the webhook test starts its core there. */
    webhookPort: number;
    /** Set when the suite runs on PostgreSQL (DB_ENGINE=postgres). */
    postgresUrl: string | undefined;
  }
}

/**
 * One real Strapi (SQLite, admin panel off) for the whole integration run, plus a PostgreSQL
 * server when DB_ENGINE=postgres. Each test file creates its own accounts, so files stay apart.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-it-'));
  const secrets = ephemeralSecrets();
  const webhookPort = await freePort();
  const postgres = process.env.DB_ENGINE === 'postgres' ? await startPostgres() : undefined;
  const cms = await startCms({
    secrets,
    dataDir: dir,
    webhookUrl: `http://127.0.0.1:${webhookPort}/internal/cms-webhook`,
    logFile: path.join(dir, 'cms.log'),
    // The test cores load plugins from the fixtures too: their enablements are no typos.
    pluginDirs: [fixturesRoot],
  });
  project.provide('cmsUrl', cms.url);
  project.provide('secrets', secrets);
  project.provide('webhookPort', webhookPort);
  project.provide('postgresUrl', postgres?.url);
  return async () => {
    await cms.stop();
    await postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
