import fs from 'node:fs';
import path from 'node:path';
import { requireAppKeys, envBool, envInt } from '../src/lib/env';
import { repoRoot } from '../src/lib/paths';

// Runtime state lives under <repo>/data (gitignored): the SQLite file and media uploads.
const publicDir = path.resolve(process.env.CMS_PUBLIC_DIR || path.join(repoRoot(), 'data', 'cms-public'));
// The local upload provider refuses to start without <public>/uploads.
fs.mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });

export default () => ({
  host: process.env.CMS_HOST || '127.0.0.1',
  port: envInt('CMS_PORT', 1337),
  // Public URL of this Strapi (behind a proxy); empty means "as listened".
  url: process.env.CMS_PUBLIC_URL || '',
  proxy: envBool('CMS_PROXY', false),
  app: { keys: requireAppKeys() },
  dirs: {
    // Served at /; media uploads (logos, avatars) go to <public>/uploads.
    public: publicDir,
  },
  logger: {
    // The startup table and the "new version available" check (it calls the internet) are
    // noise for a process the core spawns; CMS_STARTUP_BANNER=true brings the table back.
    startup: { enabled: envBool('CMS_STARTUP_BANNER', false) },
    updates: { enabled: false },
  },
  transfer: { remote: { enabled: envBool('CMS_TRANSFER_ENABLED', false) } },
});
