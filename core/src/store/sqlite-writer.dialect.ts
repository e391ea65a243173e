import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { SqliteWriter, toError } from './sqlite-writer.js';
import { asBuffer, type WriterResult, type WriterStatement } from './sqlite-writer.protocol.js';

/**
 * Kysely over the SQLite writer thread: the same SQL, adapter and introspection as Kysely's
 * SqliteDialect, but each query goes to the thread that owns the connection instead of running on
 * the event loop. `onOpen` runs once the database is open (the checkpointer starts there).
 */
export class SqliteWriterDialect implements Dialect {
  constructor(private readonly options: { file: string; pragmas: string[]; onOpen?: (writer: SqliteWriter) => void; onClose?: () => void }) {}

  createDriver(): Driver {
    return new SqliteWriterDriver(this.options);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class SqliteWriterDriver implements Driver {
  private writer: SqliteWriter | undefined;

  constructor(private readonly options: ConstructorParameters<typeof SqliteWriterDialect>[0]) {}

  async init(): Promise<void> {
    this.writer = new SqliteWriter(this.options.file, this.options.pragmas);
    await this.writer.opened();
    this.options.onOpen?.(this.writer);
  }

  /** No lock here: queries outside a transaction share the writer's queue. */
  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new WriterConnection(this.writer!));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WriterConnection).hold();
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  /** Ends a transaction's hold, also when it failed before its commit or rollback. */
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as WriterConnection).letGo();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    this.options.onClose?.();
    await this.writer?.close();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One use of the connection: free-standing queries, or one transaction holding the writer. */
class WriterConnection implements DatabaseConnection {
  private holding = false;

  constructor(private readonly writer: SqliteWriter) {}

  async hold(): Promise<void> {
    await this.writer.hold();
    this.holding = true;
  }

  letGo(): void {
    if (!this.holding) return;
    this.holding = false;
    this.writer.release();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement: WriterStatement = { sql: query.sql, parameters: query.parameters };
    return toQueryResult<R>(await (this.holding ? this.writer.runHeld(statement) : this.writer.run(statement)));
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // The rows come over in one piece; yielded one by one as Kysely's SQLite driver does.
    const { rows } = await this.executeQuery<R>(query);
    for (const row of rows) yield { rows: [row] };
  }
}

export function toQueryResult<R>(result: WriterResult): QueryResult<R> {
  if ('error' in result) throw toError(result.error);
  if ('rows' in result) return { rows: result.rows.map(withBuffers) as R[] };
  return { rows: [], numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastInsertRowid) };
}

/** BLOB columns come back as Buffers, as from better-sqlite3 on this thread. */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) row[key] = asBuffer(row[key]);
  return row;
}
