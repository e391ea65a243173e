import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CoreConfig } from '../config/env.js';
import { namingStatements } from './pg-statement-names.js';
import { SqliteWriterDialect } from './sqlite-writer.dialect.js';
import type { SqliteWriter } from './sqlite-writer.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

// PostgreSQL returns BIGINT (our epoch-millisecond columns) as strings by default; they always fit
// in a double, so parse them to numbers and both engines hand the code the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type DatabaseEngine = CoreConfig['database']['engine'];

/** SQLite's default threshold (pages of write-ahead log) for checkpointing inside a commit. */
const DEFAULT_CHECKPOINT_PAGES = 1000;
/** While the background checkpointer runs: about 40 MB, only reached when it cannot keep up. */
const FALLBACK_CHECKPOINT_PAGES = 10_000;

/** The writer thread behind each SQLite database `openDatabase` made (PostgreSQL has none). */
const writers = new WeakMap<object, () => Promise<SqliteWriter>>();

/**
 * The SQLite writer thread of `db`, for what Kysely cannot say (a write and its log entries as
 * one unit, `recorded-write.ts`); undefined on PostgreSQL. Opens the database if no query has.
 */
export function sqliteWriterOf(db: Kysely<unknown>): Promise<SqliteWriter> | undefined {
  return writers.get(db)?.();
}

/** One Kysely instance over the configured engine; every query and migration is written for both. */
export function openDatabase<T>(database: CoreConfig['database']): Kysely<T> {
  if (database.engine === 'postgres') {
    return new Kysely<T>({
      dialect: new PostgresDialect({ pool: namingStatements(new pg.Pool({ connectionString: database.url, max: 20 })) }),
    });
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  let checkpointer: WalCheckpointer | undefined;
  let opened: SqliteWriter | undefined;
  const dialect = new SqliteWriterDialect({
    file: database.file,
    // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a
    // lock. A worker thread checkpoints; SQLite's own (inside a commit) only if it falls far behind.
    pragmas: ['journal_mode = WAL', 'busy_timeout = 5000', 'foreign_keys = ON', 'synchronous = NORMAL', `wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`],
    onOpen: (writer) => {
      opened = writer;
      checkpointer = startWalCheckpointer(database.file, () => {
        writer.run({ sql: `pragma wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`, parameters: [] }).catch(() => undefined);
      });
    },
    onClose: () => checkpointer?.stop(),
  });
  const db = new Kysely<T>({ dialect });
  writers.set(db, async () => {
    // Kysely opens the driver on the first query.
    if (!opened) await sql`select 1`.execute(db);
    return opened!;
  });
  return db;
}
