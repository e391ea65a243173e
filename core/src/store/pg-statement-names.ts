import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Distinct queries run as named statements; the rest (rare ones, `in` lists of every length) parse anew. */
const NAMED_STATEMENTS = 500;
/** A query is named from its second run on: one-off statements (migrations, start-up) never are. */
const RUNS_BEFORE_NAMING = 1;
/** Only these are worth preparing (PostgreSQL prepares no DDL). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** "cached plan must not change result type": a `select *` whose table another process has altered. */
const PLAN_CHANGED = '0A000';

/**
 * The pg pool as Kysely's PostgresDialect sees it, with repeated queries run as named statements:
 * PostgreSQL then parses and plans each once per connection instead of on every run, which made
 * the chat's hot queries about three times cheaper for the server. A statement whose table was
 * altered by another core process (a migration during a rolling update) goes back to unnamed.
 */
export function namingStatements(pool: pg.Pool): PostgresPool {
  const runs = new Map<string, number>();
  const names = new Map<string, string | null>();
  const nameOf = (sql: string): string | undefined => {
    const known = names.get(sql);
    if (known !== undefined) return known ?? undefined;
    const seen = runs.get(sql) ?? 0;
    if (seen < RUNS_BEFORE_NAMING || names.size >= NAMED_STATEMENTS || !PREPARABLE.test(sql)) {
      if (runs.size < NAMED_STATEMENTS * 4) runs.set(sql, seen + 1);
      return undefined;
    }
    runs.delete(sql);
    const name = `callpy_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };

  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable);
      return run(client, sqlOrCursor, [...(parameters ?? [])]);
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  const run = async (client: pg.PoolClient, text: string, values: unknown[]): Promise<PostgresQueryResult<unknown>> => {
    const name = nameOf(text);
    try {
      return (await client.query({ name, text, values })) as unknown as PostgresQueryResult<unknown>;
    } catch (err) {
      if (!name || (err as { code?: string }).code !== PLAN_CHANGED) throw err;
      names.set(text, null);
      return (await client.query({ text, values })) as unknown as PostgresQueryResult<unknown>;
    }
  };

  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}
