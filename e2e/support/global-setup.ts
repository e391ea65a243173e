import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startCms } from '../../scripts/lib/cms-process.mjs';
import { seedDemo, startDemoSite } from '../../scripts/lib/demo.mjs';
import { installCode } from '../../core/src/sites/install-code.js';
import { freePort, spawnLogged, waitForHttp } from '../../scripts/lib/processes.mjs';
import { ephemeralSecrets } from '../../scripts/lib/secrets.mjs';
import { buildWidget } from '../../widget/build.mjs';
import { startYooKassaStandIn } from '../../plugins/billing/test/yookassa-standin.js';
import { startBuiltCore } from './core-process.js';
import { stackFile, type Stack } from './stack.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'core/test/fixtures');

/**
 * The stack as `npm start` runs it (built core from dist/, Strapi, demo account), with mail going
 * to a real SMTP server that stores each message as an .eml file the tests read. A second core
 * runs the fixture plugin `hello` (with a widget part) for the per-account plugin tests.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-e2e-'));
  const mailDir = path.join(dir, 'smtp');
  fs.mkdirSync(mailDir);
  let n = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        fs.writeFileSync(path.join(mailDir, `${String(++n).padStart(4, '0')}.eml`), Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;

  const secrets = ephemeralSecrets();
  const [corePort, pluginCorePort] = [await freePort(), await freePort()];
  const coreUrl = `http://127.0.0.1:${corePort}`;
  const cms = await startCms({ secrets, dataDir: dir, webhookUrl: `${coreUrl}/internal/cms-webhook`, logFile: path.join(dir, 'cms.log'), pluginDirs: [fixtures] });
  const demoPort = await freePort();
  const demoSiteUrl = `http://127.0.0.1:${demoPort}`;
  const { creds, site, accountId } = await seedDemo({ cmsUrl: cms.url, apiToken: secrets.CMS_API_TOKEN, dataDir: dir, demoSiteUrl });
  const demo = await startDemoSite({ port: demoPort, host: '127.0.0.1', installCode: installCode(coreUrl, site.publicKey).afterBody });

  // A9: persons pay through a stand-in of the payment provider's API (plugins/billing/test/).
  const payments = await startYooKassaStandIn({ shopId: 'e2e-shop', secretKey: 'e2e-secret-key' });
  payments.webhookUrl = `${coreUrl}/api/billing/public/payments/webhook`;
  const coreEnv = { ...secrets, NODE_ENV: 'production', HOST: '127.0.0.1', DATA_DIR: dir, CMS_URL: cms.url, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, LOG_LEVEL: 'info' };
  const billingEnv = { BILLING_YOOKASSA_SHOP_ID: 'e2e-shop', BILLING_YOOKASSA_SECRET_KEY: 'e2e-secret-key', BILLING_YOOKASSA_API_URL: payments.apiUrl };
  // The main core's clock is movable (test-only, e.g. a licence's end in billing.spec.ts); other cores' are not.
  const testClockToken = randomBytes(24).toString('hex');
  // Calls: a missed call after 20 s rather than 30 (e2e/calls.spec.ts waits for one, and takes the pop-up's screenshots meanwhile).
  const callsEnv = { CALLS_RING_TIMEOUT_MS: '20000' };
  const core = await startBuiltCore({ env: { ...coreEnv, ...billingEnv, ...callsEnv, TEST_CLOCK_TOKEN: testClockToken }, port: corePort, sqliteFile: path.join(dir, 'core.db'), logFile: path.join(dir, 'core.log'), name: 'core' });

  const widgetDir = path.join(dir, 'widget-with-fixtures');
  await buildWidget({ outDir: widgetDir, roots: [root, fixtures] });
  const pluginCoreUrl = `http://127.0.0.1:${pluginCorePort}`;
  const pluginCore = spawnLogged(process.execPath, ['--import', 'tsx', path.join(root, 'core/src/main.ts')], {
    env: {
      ...coreEnv,
      PORT: String(pluginCorePort),
      PUBLIC_URL: pluginCoreUrl,
      SQLITE_FILE: path.join(dir, 'plugin-core.db'),
      PLUGINS_CONFIG: path.join(fixtures, 'configs/hello.config.ts'),
      PLUGIN_DIRS: fixtures,
      WIDGET_DIR: widgetDir,
      CMS_RESYNC_SECONDS: '1',
    },
    cwd: root,
    logFile: path.join(dir, 'plugin-core.log'),
    name: 'plugin core',
  });
  await waitForHttp(`${pluginCoreUrl}/readyz`, { child: pluginCore.child, name: 'the plugin core' });

  const stack: Stack = {
    coreUrl,
    pluginCoreUrl,
    cmsUrl: cms.url,
    cmsApiToken: secrets.CMS_API_TOKEN!,
    coreEnv,
    mailDir,
    admin: creds.admin,
    operator: creds.operator,
    staff: creds.staff,
    demoSite: { url: demoSiteUrl, publicKey: site.publicKey, id: site.documentId, account: accountId },
    logs: dir,
    testClockToken,
  };
  fs.writeFileSync(stackFile, JSON.stringify(stack, null, 2));

  return async () => {
    await pluginCore.stop();
    await core.stop();
    await cms.stop();
    await payments.close();
    await new Promise<void>((resolve) => demo.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    fs.rmSync(stackFile, { force: true });
    if (!process.env.KEEP_E2E_DATA) fs.rmSync(dir, { recursive: true, force: true });
  };
}
