import fs from 'node:fs';
import path from 'node:path';
import { envBool, envInt } from '../src/lib/env';
import { repoRoot } from '../src/lib/paths';

/**
 * SQLite (better-sqlite3) by default, PostgreSQL when CMS_DATABASE_URL is set.
 * The same schemas and tests run on both.
 */
export default () => {
  const url = process.env.CMS_DATABASE_URL;
  if (url) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: url,
          ssl: envBool('CMS_DATABASE_SSL', false)
            ? { rejectUnauthorized: envBool('CMS_DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
            : false,
          schema: process.env.CMS_DATABASE_SCHEMA || 'public',
        },
        pool: { min: 0, max: envInt('CMS_DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: 60000,
      },
    };
  }

  const filename = path.resolve(
    process.env.CMS_DATABASE_FILENAME || path.join(repoRoot(), 'data', 'cms.db'),
  );
  // better-sqlite3 creates the file but not its folder.
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      useNullAsDefault: true,
    },
  };
};
