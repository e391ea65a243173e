import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import { sqliteWriterOf } from './database.js';
import { eventsOfRows, type RowEvent, type RowEventPlan } from './row-events.js';
import { toQueryResult } from './sqlite-writer.dialect.js';

/**
 * One write statement and the log entries of the rows it returned, committed as one. On SQLite
 * both go to the writer thread in one message and share a group commit with whatever else is
 * queued: no transaction holds the connection across hand-overs, so the hot path that stores a
 * message keeps its batching. On PostgreSQL it is a transaction of the write and `insertEntries`.
 */
export async function writeWithRowEvents(
  db: Kysely<unknown>,
  query: CompiledQuery,
  plan: RowEventPlan,
  insertEntries: (trx: Transaction<unknown>, events: RowEvent[]) => Promise<void>,
): Promise<{ rows: Record<string, unknown>[]; events: RowEvent[] }> {
  const writer = sqliteWriterOf(db);
  if (writer) {
    const result = await (await writer).run({ sql: query.sql, parameters: query.parameters, record: plan });
    const { rows } = toQueryResult<Record<string, unknown>>(result);
    return { rows, events: eventsOfRows(rows, plan) };
  }
  return db.transaction().execute(async (trx) => {
    const { rows } = await trx.executeQuery<Record<string, unknown>>(query);
    const events = eventsOfRows(rows, plan);
    await insertEntries(trx, events);
    return { rows, events };
  });
}
