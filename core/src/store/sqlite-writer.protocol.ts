import type { RowEventPlan } from './row-events.js';

/** An error as it crosses the thread boundary: SQLite's `code` (SQLITE_CONSTRAINT_…) kept. */
export interface WriterError {
  message: string;
  code?: string;
  name: string;
}

/** BLOBs cross the thread boundary as plain Uint8Arrays (structured clone); both sides want Buffers. */
export const asBuffer = (value: unknown): unknown =>
  value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;

/**
 * One SQL statement with its parameters, as it crosses to the writer thread; with `record`, the
 * log entries of the rows it returns are inserted right after it, and the two commit or fail as one.
 */
export interface WriterStatement {
  sql: string;
  parameters: readonly unknown[];
  record?: RowEventPlan;
}

/**
 * To the writer thread: statements to run in order. `grouped` ones are independent autocommit
 * statements that the thread may commit together (group commit); the others belong to a
 * transaction the caller controls (its `begin`, its statements, its `commit`) and run as they are.
 */
export type WriterRequest = { id: number; statements: WriterStatement[]; grouped: boolean } | { id: number; close: true };

/** A statement's outcome: rows for a reader, counts for a writer, or the error it raised. */
export type WriterResult =
  | { rows: Record<string, unknown>[] }
  | { changes: number; lastInsertRowid: number | bigint }
  | { error: WriterError };

/** From the writer thread: one result per statement, in order; `ready` once the database is open. */
export type WriterReply = { id: number; results: WriterResult[] } | { ready: true } | { failed: WriterError };
