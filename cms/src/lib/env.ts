/**
 * Environment helpers shared by config/ and the callpy plugin.
 *
 * Strapi's own secrets are never defaulted: a missing one is an operator error that must
 * stop the process with a message saying what to set (the lead's start script generates them).
 */

export const STRAPI_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type StrapiSecret = (typeof STRAPI_SECRETS)[number];

const HOW_TO =
  'Set it in the environment (scripts/start.mjs generates all Strapi secrets into data/secrets); ' +
  'a value can be made with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))"';

export class MissingSecretError extends Error {
  constructor(names: readonly string[]) {
    super(
      `[callpy cms] Missing required environment variable${names.length > 1 ? 's' : ''}: ` +
        `${names.join(', ')}. ${HOW_TO}`,
    );
    this.name = 'MissingSecretError';
  }
}

/**
 * `npm run build` sets this: `strapi build` loads the whole configuration to bundle the
 * admin panel, but no secret ends up in the bundle, so building needs none.
 */
const building = () => process.env.CALLPY_CMS_BUILD === '1';

/** Returns the secret or throws a MissingSecretError naming it. */
export function requireSecret(name: StrapiSecret): string {
  const value = process.env[name];
  if ((!value || !value.trim()) && building()) return `build-time-placeholder-${name}`;
  if (!value || !value.trim()) throw new MissingSecretError([name]);
  return value;
}

/** APP_KEYS is a comma separated list (Strapi signs cookies with it). */
export function requireAppKeys(): string[] {
  const keys = requireSecret('APP_KEYS')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) throw new MissingSecretError(['APP_KEYS']);
  return keys;
}

export function envBool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return /^(1|true|yes|on)$/i.test(raw.trim());
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`[callpy cms] ${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}
