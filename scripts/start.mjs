#!/usr/bin/env node
// `npm start`: one command from a fresh clone to a running platform on embedded defaults — installs
// what is missing, builds, starts the CMS and the core in this process group, seeds the demo
// account, serves the demo site, and prints where everything is. The CMS and the core are
// supervised: one that dies is started again with backoff while the rest stays up (the demo site
// is served by this process itself). Ctrl+C or SIGTERM stops it all.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureDebianPackages, ensureNpmPackages } = await import('./lib/install.mjs');
await ensureNpmPackages(root);
// A9: invoices are PDFs in Russian; DejaVu has the Cyrillic glyphs (the billing plugin's fontFile).
await ensureDebianPackages({ 'fonts-dejavu-core': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' });
const { buildAll } = await import('./lib/build.mjs');
const { loadOrCreateSecrets } = await import('./lib/secrets.mjs');
const { startCms } = await import('./lib/cms-process.mjs');
const { spawnLogged, waitForHttp } = await import('./lib/processes.mjs');
const { supervise } = await import('./lib/supervisor.mjs');
const { shutdownOnSignals } = await import('./lib/shutdown.mjs');
const { demoCredentials, seedDemo, startDemoSite } = await import('./lib/demo.mjs');

const env = process.env;
const dataDir = path.resolve(env.DATA_DIR ?? path.join(root, 'data'));
const port = Number(env.PORT ?? 3000);
const cmsPort = Number(env.CMS_PORT ?? 1337);
const demoPort = Number(env.DEMO_PORT ?? 3001);
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
const demoSiteUrl = `http://localhost:${demoPort}`;

const secrets = loadOrCreateSecrets(dataDir);
await buildAll(root, { strapiAdmin: env.CMS_SERVE_ADMIN !== 'false', env: secrets });

const { add: onStop, shutdown } = shutdownOnSignals();

try {
  console.log('\n▶ starting the CMS (Strapi)…');
  const { agency } = demoCredentials(dataDir);
  const cms = await startCms({
    secrets: { ...secrets, CMS_SUPERADMIN_EMAIL: agency.email, CMS_SUPERADMIN_PASSWORD: agency.password },
    dataDir,
    port: cmsPort,
    databaseUrl: env.CMS_DATABASE_URL,
    webhookUrl: `http://127.0.0.1:${port}/internal/cms-webhook`,
    serveAdmin: env.CMS_SERVE_ADMIN !== 'false',
    logFile: path.join(dataDir, 'cms.log'),
    restart: true,
    // Third-party plugins the core loads (PLUGIN_DIRS): the CMS accepts enablements of them.
    pluginDirs: (env.PLUGIN_DIRS ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d)),
  });
  onStop(cms.stop);
  const { creds, site } = await seedDemo({ cmsUrl: cms.url, apiToken: secrets.CMS_API_TOKEN, dataDir, demoSiteUrl });

  console.log('▶ starting the core…');
  const core = supervise('the core', () =>
    spawnLogged(process.execPath, [path.join(root, 'dist/server/core/src/main.js')], {
      env: {
        ...secrets,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        DATA_DIR: dataDir,
        CMS_URL: cms.url,
        // "Preview over my site" loads only public pages; the demo site on this machine is the exception.
        PREVIEW_ALLOWED_HOSTS: env.PREVIEW_ALLOWED_HOSTS ?? `localhost:${demoPort},127.0.0.1:${demoPort}`,
      },
      cwd: root,
      logFile: path.join(dataDir, 'core.log'),
      name: 'core',
    }),
  );
  onStop(core.stop);
  await waitForHttp(`http://127.0.0.1:${port}/readyz`, { child: core.child, name: 'the core', timeoutMs: 90_000 });

  const { installCode } = await import(path.join(root, 'dist/server/core/src/sites/install-code.js'));
  const demo = await startDemoSite({ port: demoPort, installCode: installCode(publicUrl, site.publicKey).afterBody });
  onStop(() => new Promise((r) => demo.close(() => r())));

  console.log(`
Callpy is running.
  Operator panel   ${publicUrl}
    admin          ${creds.admin.email} / ${creds.admin.password}
    operator       ${creds.operator.email} / ${creds.operator.password}
    agency staff   ${creds.staff.email} / ${creds.staff.password}   (the agency's console: clients, plugins per client)
  Demo site        ${demoSiteUrl}   (the widget's install code is on it)
  CMS admin        ${cms.url.replace('127.0.0.1', 'localhost')}/admin   (raw content)
    super-admin    ${creds.agency.email} / ${creds.agency.password}
  Mail             written to ${path.join(dataDir, 'mail')} (set SMTP_URL to send for real)
  Logs             ${path.join(dataDir, 'core.log')}, ${path.join(dataDir, 'cms.log')}
Press Ctrl+C to stop.`);
} catch (err) {
  console.error(`\n✖ ${err instanceof Error ? err.message : err}`);
  await shutdown(1);
}
