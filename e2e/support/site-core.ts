import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect } from '@playwright/test';
import { cms } from './cms.js';
import { startBuiltCore, type CoreProcess } from './core-process.js';
import { stack } from './stack.js';

/**
 * A built core of its own (a restart to survive, options of its own) with a new site of the demo
 * account at `siteUrl`. It gets no CMS webhooks (they go to the stack's core): it re-reads the CMS
 * every second, and this resolves once it hands the site's visitors a session.
 */
export async function startSiteCore(options: { name: string; file: string; siteUrl: string; siteName: string; extraEnv?: Record<string, string> }): Promise<{ core: CoreProcess; publicKey: string }> {
  const { coreEnv, demoSite, logs } = stack();
  const core = await startBuiltCore({
    env: coreEnv,
    sqliteFile: path.join(logs, `${options.file}.db`),
    logFile: path.join(logs, `${options.file}.log`),
    name: options.name,
    extraEnv: { CMS_RESYNC_SECONDS: '1', ...options.extraEnv },
  });
  const publicKey = randomBytes(9).toString('base64url');
  const { siteUrl } = options;
  await cms('POST', '/sites', { data: { name: options.siteName, url: siteUrl, origins: [siteUrl], publicKey, chatLanguage: 'en', account: demoSite.account } });
  await expect.poll(async () => (await visitorSession(core.url, siteUrl, publicKey)).status).toBe(200);
  return { core, publicKey };
}

/** `POST /api/widget/session` as the site's page asks for it. */
export const visitorSession = (coreUrl: string, siteUrl: string, siteKey: string) =>
  fetch(`${coreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: siteUrl }, body: JSON.stringify({ siteKey }) });
