import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';

/** Distinct SQL texts kept prepared: the application's queries, with room for the lists' `IN (?, ?, …)` variants. */
const CACHED_STATEMENTS = 500;

/**
 * The writer thread's better-sqlite3 database with `prepare` memoized by SQL text: preparing
 * every query anew, on the chat's hot path compiling SQL cost more than running it. A statement is
 * reused only when it is idle: one being iterated cannot run again until the iteration ends.
 */
export function cachingStatements(db: Database): SqliteDatabase {
  const statements = new LRUCache<string, Statement>({ max: CACHED_STATEMENTS });
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = db.prepare(sql);
      if (!cached) statements.set(sql, statement);
      return statement;
    },
    close: () => {
      statements.clear();
      db.close();
    },
  };
}
