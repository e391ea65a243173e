import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from 'kysely';

/** Stands for an argument while the query is built; never valid data, so never mistaken for it. */
const MARK = '\u0000callpy-argument:';

/** What runs a compiled query: the database or a transaction of it. */
export type QueryRunner = Pick<Kysely<unknown>, 'executeQuery'>;

/** Runs the query with these arguments, on the database it was made with or on a transaction. */
export type PreparedQuery<A, R> = (args: A, on?: QueryRunner) => Promise<R[]>;

/**
 * A query that Kysely builds and compiles once, then runs with new values. Kysely builds and
 * compiles every query anew, which on the chat's hot path (a thousand messages a second) took as
 * long as SQLite took to run them. On the first run `build` receives a stand-in for each argument
 * (same keys, so `values(args)` works) and must use each of them as a value only (a `where`
 * operand, an inserted value) — not in identifiers, raw SQL, `in` lists or anything Kysely
 * inspects; the first run fails loudly otherwise.
 */
export function preparedQuery<A extends object, R>(db: QueryRunner, build: (args: A) => Compilable<R>): PreparedQuery<A, R> {
  let template: { compiled: CompiledQuery<R>; slots: (string | { value: unknown })[] } | undefined;
  return async (args, on = db) => {
    template ??= compile(build, Object.keys(args));
    const parameters = template.slots.map((slot) => (typeof slot === 'string' ? (args as Record<string, unknown>)[slot] : slot.value));
    const result = await on.executeQuery<R>({ ...template.compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

function compile<A extends object, R>(build: (args: A) => Compilable<R>, keys: string[]) {
  const standIns = Object.fromEntries(keys.map((key) => [key, `${MARK}${key}`])) as A;
  const compiled = build(standIns).compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : { value: p }));
  const bound = new Set(slots.filter((s): s is string => typeof s === 'string'));
  const misused = keys.filter((key) => !bound.has(key));
  if (compiled.sql.includes(MARK) || misused.length) {
    throw new Error(`preparedQuery: every argument must be a value of the query (misused: ${misused.join(', ') || 'one written into the SQL'})`);
  }
  return { compiled, slots };
}
