import { requireSecret, envBool } from '../src/lib/env';

const cookieSecure = process.env.CMS_ADMIN_COOKIE_SECURE;

export default () => ({
  auth: {
    secret: requireSecret('ADMIN_JWT_SECRET'),
    // Unset: Strapi marks the admin cookie secure only for HTTPS requests in production,
    // which is what we want on plain-HTTP localhost and behind TLS proxies alike.
    ...(cookieSecure ? { cookie: { secure: envBool('CMS_ADMIN_COOKIE_SECURE', false) } } : {}),
  },
  apiToken: { salt: requireSecret('API_TOKEN_SALT') },
  transfer: { token: { salt: requireSecret('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: requireSecret('ENCRYPTION_KEY') },
  url: process.env.CMS_ADMIN_URL || '/admin',
  flags: { nps: false, promoteEE: false },
});
