// Secrets for a local installation: generated once into <data>/secrets.json (mode 600) and reused,
// so restarts keep sessions and the CMS keeps accepting the core's token. A variable already set in
// the environment always wins.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const GENERATED = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'CMS_API_TOKEN',
  'CORE_WEBHOOK_SECRET',
  'CORE_JWT_SECRET',
  'VISITOR_TOKEN_SECRET',
  'CORE_SECRETS_KEY',
];

const fresh = (name) =>
  name === 'APP_KEYS'
    ? Array.from({ length: 4 }, () => randomBytes(16).toString('base64')).join(',')
    : randomBytes(name === 'CMS_API_TOKEN' ? 48 : 32).toString('hex');

export function loadOrCreateSecrets(dataDir, env = process.env) {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true });
  const stored = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of GENERATED) {
    if (!stored[name]) {
      stored[name] = fresh(name);
      changed = true;
    }
  }
  if (changed) fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(GENERATED.map((name) => [name, env[name] || stored[name]]));
}

/** Fresh secrets that are never written anywhere (tests). */
export function ephemeralSecrets() {
  return Object.fromEntries(GENERATED.map((name) => [name, fresh(name)]));
}
