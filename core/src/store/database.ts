import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { CoreConfig } from '../config/env.js';

// PostgreSQL returns BIGINT (our epoch-millisecond columns) as strings by default; they always fit
// in a double, so parse them to numbers and both engines hand the code the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type DatabaseEngine = CoreConfig['database']['engine'];

/** One Kysely instance over the configured engine; every query and migration is written for both. */
export function openDatabase<T>(database: CoreConfig['database']): Kysely<T> {
  if (database.engine === 'postgres') {
    return new Kysely<T>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 10 }) }),
    });
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SqliteDatabase(database.file);
  // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a lock.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<T>({ dialect: new SqliteDialect({ database: sqlite }) });
}
