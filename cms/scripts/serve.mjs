#!/usr/bin/env node
// Programmatic launcher: what scripts/start.mjs and the core tests spawn.
//
//   node cms/scripts/serve.mjs      (after `npm run build:server`, or `npm run build` for the admin panel)
//
// Reads the environment described in cms/README.md. With CMS_SERVE_ADMIN=false it starts in a
// few seconds: no admin bundle is needed, only the server code compiled to cms/dist.
// Ready when GET /_health answers 204; exits non-zero if Strapi fails to start.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(appDir, 'dist');
const require = createRequire(join(appDir, 'package.json'));

const fail = (message) => {
  console.error(`[callpy cms] ${message}`);
  process.exit(1);
};

// Only `npm run build` may run without secrets (see src/lib/env.ts).
delete process.env.CALLPY_CMS_BUILD;

const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];
const missing = SECRETS.filter((name) => !process.env[name]?.trim());
if (missing.length) {
  fail(
    `Missing required environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
      'scripts/start.mjs generates them; one value can be made with ' +
      `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
  );
}

if (!existsSync(join(distDir, 'src', 'plugins', 'callpy', 'strapi-server.js'))) {
  fail(`No compiled server in ${distDir}: run \`npm run build:server\` (or \`npm run build\`) in cms/ first.`);
}

const serveAdminPanel = !/^(0|false|no|off)$/i.test(process.env.CMS_SERVE_ADMIN ?? 'true');
if (serveAdminPanel && !existsSync(join(distDir, 'build', 'index.html'))) {
  fail(
    'CMS_SERVE_ADMIN is on but the admin panel is not built: run `npm run build` in cms/ ' +
      '(about 40 s, 2 GB of memory) or set CMS_SERVE_ADMIN=false.',
  );
}

// Production semantics (no content-type builder writes, no auto reload) unless told otherwise.
process.env.NODE_ENV ||= 'production';
process.env.STRAPI_TELEMETRY_DISABLED ||= 'true';
// Strapi reads HOST/PORT as fallbacks only; ours are CMS_HOST/CMS_PORT (config/server.ts).

const { createStrapi } = require('@strapi/strapi');

let app;
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  try {
    if (app) await app.destroy();
  } catch (err) {
    console.error(`[callpy cms] error while stopping on ${signal}:`, err);
    process.exit(1);
  }
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
// When the parent (core test, start script) dies with an IPC channel open, follow it.
process.on('disconnect', () => shutdown('disconnect'));

try {
  app = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel });
  await app.start();
  const { host, port } = app.config.get('server');
  console.log(`[callpy cms] ready on http://${host}:${port} (admin panel ${serveAdminPanel ? 'on' : 'off'})`);
  process.send?.({ type: 'callpy-cms-ready', host, port });
} catch (err) {
  console.error('[callpy cms] failed to start:', err?.stack || err);
  process.exit(1);
}
