import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteWriterOf } from './database.js';
import { eventsOfRows, type RowEvent, type RowEventPlan } from './row-events.js';
import { toQueryResult } from './sqlite-writer.dialect.js';

/**
 * One write statement and the log entries of the rows it returned, committed as one. On SQLite
 * both go to the writer thread in one message and share a group commit with whatever else is
 * queued; on PostgreSQL they are one statement (`asOneStatement`). Either way no transaction
 * holds the connection across round trips, so the hot path that stores a message keeps its
 * batching and its latency.
 */
export async function writeWithRowEvents(
  db: Kysely<unknown>,
  query: CompiledQuery,
  plan: RowEventPlan,
  asOneStatement: (write: CompiledQuery, plan: RowEventPlan) => CompiledQuery<Record<string, unknown>>,
): Promise<{ rows: Record<string, unknown>[]; events: RowEvent[] }> {
  const writer = sqliteWriterOf(db);
  let rows: Record<string, unknown>[];
  if (writer) rows = toQueryResult<Record<string, unknown>>(await (await writer).run({ sql: query.sql, parameters: query.parameters, record: plan })).rows;
  else rows = (await db.executeQuery(plan.events.length ? asOneStatement(query, plan) : query)).rows as Record<string, unknown>[];
  return { rows, events: eventsOfRows(rows, plan) };
}
