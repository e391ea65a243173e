import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { eventsOfRows } from './row-events.js';
import { cachingStatements } from './statement-cache.js';
import { asBuffer, type WriterError, type WriterReply, type WriterRequest, type WriterResult, type WriterStatement } from './sqlite-writer.protocol.js';

/**
 * The thread that owns the SQLite connection (`sqlite-writer.ts` starts it). Every statement runs
 * here, so a slow one — a commit, a page cache miss, SQLite's own checkpoint — never holds the
 * event loop that serves the sockets. Independent statements that arrive together are committed
 * together: one transaction, one WAL append, for the whole batch.
 */
const { file, pragmas } = workerData as { file: string; pragmas: string[] };
const port = parentPort!;
const send = (reply: WriterReply) => port.postMessage(reply);

const db = open();
const statements = cachingStatements(db);
send({ ready: true });

/** The connection; if it cannot be had, the reason goes to the event loop and the thread ends. */
function open(): SqliteDatabase.Database {
  try {
    const opened = new SqliteDatabase(file);
    for (const pragma of pragmas) opened.pragma(pragma);
    return opened;
  } catch (err) {
    send({ failed: describe(err) });
    port.close();
    process.exit(1);
  }
}

port.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    statements.close();
    send({ id: request.id, results: [] });
    port.close();
    return;
  }
  send({ id: request.id, results: request.grouped ? runGrouped(request.statements) : request.statements.map(runOne) });
});

/**
 * Several autocommit statements in one transaction. A failing statement is undone alone (SQLite
 * backs out a statement that fails, and the transaction goes on); if an error ends the whole
 * transaction, or the commit fails, every statement runs again on its own, so each one's outcome
 * is what it would have been alone.
 */
function runGrouped(batch: WriterStatement[]): WriterResult[] {
  if (batch.length === 1 || db.inTransaction) return batch.map(runOne);
  try {
    db.exec('begin immediate');
  } catch {
    return batch.map(runOne);
  }
  const results: WriterResult[] = [];
  for (const statement of batch) {
    const result = runOne(statement);
    if ('error' in result && !db.inTransaction) return batch.map(runOne);
    results.push(result);
  }
  try {
    db.exec('commit');
  } catch {
    if (db.inTransaction) db.exec('rollback');
    return batch.map(runOne);
  }
  return results;
}

function runOne(statement: WriterStatement): WriterResult {
  return statement.record ? runRecorded(statement) : runStatement(statement);
}

/**
 * A write and the log entries of the rows it returned, inside a savepoint: in a grouped batch it
 * is undone alone if either part fails; on its own the savepoint is its transaction.
 */
function runRecorded(statement: WriterStatement): WriterResult {
  const plan = statement.record!;
  try {
    db.exec('savepoint recorded');
  } catch (err) {
    return { error: describe(err) };
  }
  let result = runStatement(statement);
  try {
    if ('changes' in result) throw new Error('A recorded write must return its rows (`returning`)');
    if ('rows' in result) {
      const insert = statements.prepare(plan.insertSql) as SqliteDatabase.Statement;
      for (const e of eventsOfRows(result.rows, plan)) insert.run(e.name, e.json, e.accountId, plan.at);
    }
  } catch (err) {
    result = { error: describe(err) };
  }
  try {
    if ('error' in result) db.exec('rollback to recorded');
    db.exec('release recorded');
  } catch (err) {
    // The commit of a savepoint that was its own transaction failed: nothing of it stays.
    if (db.inTransaction) db.exec('rollback');
    if (!('error' in result)) result = { error: describe(err) };
  }
  return result;
}

function runStatement({ sql, parameters }: WriterStatement): WriterResult {
  try {
    const statement = statements.prepare(sql) as SqliteDatabase.Statement;
    const values = parameters.map(asBuffer);
    if (statement.reader) return { rows: statement.all(values) as Record<string, unknown>[] };
    const { changes, lastInsertRowid } = statement.run(values);
    return { changes, lastInsertRowid };
  } catch (err) {
    return { error: describe(err) };
  }
}

function describe(err: unknown): WriterError {
  const e: Error & { code?: string } = err instanceof Error ? err : new Error(String(err));
  return { message: e.message, name: e.name, ...(e.code ? { code: e.code } : {}) };
}
