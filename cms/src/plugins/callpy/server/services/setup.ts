import type { Core } from '@strapi/strapi';

/**
 * Idempotent setup run on every start, from the app's bootstrap (src/index.ts): that runs
 * after every plugin's bootstrap (users-permissions must have created its Public and
 * Authenticated roles and settings first) and before the server listens. It ensures:
 *   - the `callpy-core` full-access API token whose key is exactly $CMS_API_TOKEN,
 *   - the `callpy-core` webhook to $CORE_WEBHOOK_URL,
 *   - the Account admin / Operator / Agency staff roles, no public registration, no public access to us,
 *   - the default agency (the first one), owning every account that has none (accounts made before
 *     agencies existed keep all their data and simply gain that owner),
 *   - the agency's super-admin from $CMS_SUPERADMIN_EMAIL / $CMS_SUPERADMIN_PASSWORD, so the
 *     admin panel's "create the first administrator" form is never open to whoever comes first.
 */

export const CORE_TOKEN_NAME = 'callpy-core';
export const CORE_WEBHOOK_NAME = 'callpy-core';
export const WEBHOOK_SECRET_HEADER = 'X-Callpy-Webhook-Secret';
export const WEBHOOK_EVENTS = [
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.publish',
  'entry.unpublish',
];
export const ROLES = [
  { type: 'account-admin', name: 'Account admin', description: 'Administers one client account: sites, users, settings.' },
  { type: 'operator', name: 'Operator', description: 'Answers visitors of one client account.' },
  { type: 'agency-staff', name: 'Agency staff', description: 'Runs the client accounts of one agency: creates clients, switches their plugins.' },
];
export const DEFAULT_AGENCY_NAME = 'Agency';
const MIN_TOKEN_LENGTH = 32;

async function seedApiToken(strapi: Core.Strapi) {
  const accessKey = process.env.CMS_API_TOKEN;
  if (!accessKey) {
    strapi.log.warn('[callpy] CMS_API_TOKEN is not set: the core cannot reach Strapi (token not seeded)');
    return;
  }
  if (accessKey.length < MIN_TOKEN_LENGTH || /\s/.test(accessKey)) {
    throw new Error(
      `[callpy cms] CMS_API_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters without spaces ` +
        '(e.g. node -e "console.log(require(\'crypto\').randomBytes(48).toString(\'hex\'))")',
    );
  }
  // Hash exactly like the admin api-token service (HMAC-SHA512 with API_TOKEN_SALT), so
  // Strapi's own content-api-token strategy accepts `Authorization: Bearer $CMS_API_TOKEN`.
  const tokens: any = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const hash: string = tokens.hash(accessKey);
  const encryptedKey = strapi.service('admin::encryption')?.encrypt(accessKey) ?? null;
  const query = strapi.db.query('admin::api-token' as any);
  const wanted = {
    name: CORE_TOKEN_NAME,
    description: 'Pre-shared key of the Callpy core (managed by cms bootstrap from CMS_API_TOKEN; edits are overwritten).',
    type: 'full-access',
    kind: 'content-api',
    accessKey: hash,
    encryptedKey,
    lifespan: null,
    expiresAt: null,
  };
  const existing = await query.findOne({ where: { name: CORE_TOKEN_NAME } });
  if (!existing) {
    await query.create({ data: wanted });
    strapi.log.info('[callpy] created API token callpy-core');
    return;
  }
  const stale =
    existing.accessKey !== hash ||
    existing.type !== 'full-access' ||
    (existing.kind !== 'content-api' && existing.kind !== null && existing.kind !== undefined) ||
    existing.expiresAt !== null ||
    existing.lifespan !== null ||
    !existing.encryptedKey;
  if (stale) {
    await query.update({ where: { id: existing.id }, data: wanted });
    strapi.log.info('[callpy] updated API token callpy-core');
  }
}

async function seedWebhook(strapi: Core.Strapi) {
  const url = process.env.CORE_WEBHOOK_URL;
  const store: any = strapi.get('webhookStore');
  // The runner loaded the stored webhooks before we ran: keep it in step, like the
  // admin panel's webhook controller does.
  const runner: any = strapi.get('webhookRunner');
  const existing = (await store.findWebhooks()).find((w: any) => w.name === CORE_WEBHOOK_NAME);
  if (!url) {
    strapi.log.info('[callpy] CORE_WEBHOOK_URL is not set: webhook callpy-core not configured');
    if (existing?.isEnabled) {
      // A stale URL from an earlier run would keep receiving events: switch it off.
      const updated = await store.updateWebhook(existing.id, { ...existing, isEnabled: false });
      if (updated) runner.update(updated);
    }
    return;
  }
  try {
    new URL(url);
  } catch {
    throw new Error(`[callpy cms] CORE_WEBHOOK_URL is not a valid URL: ${JSON.stringify(url)}`);
  }
  const secret = process.env.CORE_WEBHOOK_SECRET;
  if (!secret) strapi.log.warn('[callpy] CORE_WEBHOOK_SECRET is not set: the webhook is sent without a secret');
  const wanted = {
    name: CORE_WEBHOOK_NAME,
    url,
    headers: secret ? { [WEBHOOK_SECRET_HEADER]: secret } : {},
    events: WEBHOOK_EVENTS,
    isEnabled: true,
  };
  if (!existing) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`[callpy] created webhook callpy-core -> ${new URL(url).origin}`);
    return;
  }
  const same =
    existing.url === wanted.url &&
    existing.isEnabled === true &&
    JSON.stringify(existing.headers ?? {}) === JSON.stringify(wanted.headers) &&
    JSON.stringify([...(existing.events ?? [])].sort()) === JSON.stringify([...wanted.events].sort());
  if (!same) {
    const updated = await store.updateWebhook(existing.id, wanted);
    if (updated) runner.update(updated);
    strapi.log.info(`[callpy] updated webhook callpy-core -> ${new URL(url).origin}`);
  }
}

async function seedUsersPermissions(strapi: Core.Strapi) {
  const roles = strapi.db.query('plugin::users-permissions.role' as any);
  for (const role of ROLES) {
    const existing = await roles.findOne({ where: { type: role.type } });
    if (!existing) {
      await roles.create({ data: role });
      strapi.log.info(`[callpy] created role ${role.name}`);
    }
  }

  // Users are created by account admins through the core, never by self sign-up.
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced: any = (await store.get({ key: 'advanced' })) ?? {};
  if (advanced.allow_register !== false) {
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  }

  const publicRole = await roles.findOne({ where: { type: 'public' } });
  if (publicRole) {
    // Our routes only accept the API token anyway; this keeps the admin UI honest too.
    await strapi.db.query('plugin::users-permissions.permission' as any).deleteMany({
      where: {
        role: publicRole.id,
        $or: [
          { action: { $startsWith: 'plugin::callpy.' } },
          { action: 'plugin::users-permissions.auth.register' },
        ],
      },
    });
  }
}

async function seedSuperAdmin(strapi: Core.Strapi) {
  const users: any = strapi.service('admin::user');
  if (await users.exists()) return;
  const email = process.env.CMS_SUPERADMIN_EMAIL;
  const password = process.env.CMS_SUPERADMIN_PASSWORD;
  if (!email || !password) {
    strapi.log.warn('[callpy] no Strapi admin yet and CMS_SUPERADMIN_EMAIL / CMS_SUPERADMIN_PASSWORD are not set: whoever opens /admin first becomes its super-admin');
    return;
  }
  // Strapi's own first-admin path: it takes a lock and refuses if another process was quicker.
  await users.createFirstAdmin({ email: email.toLowerCase(), password, firstname: 'Agency', lastname: 'Admin' });
  strapi.log.info(`[callpy] created the Strapi super-admin ${email}`);
}

async function seedDefaultAgency(strapi: Core.Strapi) {
  const agencies = strapi.db.query('plugin::callpy.agency' as any);
  let first = await agencies.findOne({ select: ['id'], orderBy: { id: 'asc' } });
  if (!first) {
    first = await strapi.documents('plugin::callpy.agency' as any).create({ data: { name: DEFAULT_AGENCY_NAME } });
    strapi.log.info(`[callpy] created the default agency «${DEFAULT_AGENCY_NAME}»`);
  }
  const accounts = strapi.db.query('plugin::callpy.account' as any);
  const orphans = await accounts.findMany({ where: { agency: { id: { $null: true } } }, select: ['id'] });
  for (const account of orphans) await accounts.update({ where: { id: account.id }, data: { agency: first.id } });
  if (orphans.length) strapi.log.info(`[callpy] ${orphans.length} account(s) without an agency now belong to the default agency`);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async run() {
    await seedSuperAdmin(strapi);
    await seedUsersPermissions(strapi);
    await seedDefaultAgency(strapi);
    await seedApiToken(strapi);
    await seedWebhook(strapi);
  },
});
