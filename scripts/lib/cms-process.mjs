// Starts the Strapi CMS (cms/scripts/serve.mjs) as a child process and waits until it answers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnLogged, waitForHttp } from './processes.mjs';
import { supervise } from './supervisor.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @param {object} o
 * @param {Record<string,string>} o.secrets  from secrets.mjs
 * @param {string} o.dataDir                 SQLite file and uploads go here
 * @param {string} [o.databaseUrl]           PostgreSQL for the CMS instead of SQLite
 * @param {string} [o.webhookUrl]            the core's /internal/cms-webhook
 * @param {boolean} [o.serveAdmin]           build + serve Strapi's admin panel
 * @param {string|null} [o.logFile]
 * @param {boolean} [o.restart]             start it again when it exits (`npm start`; supervisor.mjs)
 * @param {string[]} [o.pluginDirs]          extra plugin folders (the core's PLUGIN_DIRS): enablements may name their plugins
 */
export async function startCms({ secrets, dataDir, databaseUrl, webhookUrl, serveAdmin = false, port, logFile = null, publicUrl, restart = false, pluginDirs = [] }) {
  const cmsPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${cmsPort}`;
  const env = {
    ...secrets,
    NODE_ENV: 'production',
    CMS_HOST: '127.0.0.1',
    CMS_PORT: String(cmsPort),
    CMS_DATABASE_FILENAME: path.join(dataDir, 'cms.db'),
    CMS_SERVE_ADMIN: String(serveAdmin),
    CORE_WEBHOOK_URL: webhookUrl ?? '',
    ...(databaseUrl ? { CMS_DATABASE_URL: databaseUrl } : {}),
    ...(publicUrl ? { CMS_PUBLIC_URL: publicUrl } : {}),
    ...(pluginDirs.length ? { PLUGIN_DIRS: pluginDirs.join(path.delimiter) } : {}),
  };
  const spawnCms = () => spawnLogged(process.execPath, [path.join(repoRoot, 'cms/scripts/serve.mjs')], { env, cwd: path.join(repoRoot, 'cms'), logFile, name: 'cms' });
  const proc = restart ? supervise('the CMS', spawnCms) : spawnCms();
  // A CMS that fails to come up is not restarted: its error is for whoever started it.
  await waitForHttp(`${url}/_health`, { child: proc.child, name: 'the CMS', timeoutMs: 120_000 }).catch(async (err) => {
    await proc.stop();
    throw err;
  });
  return { url, stop: () => proc.stop(), child: proc.child };
}
