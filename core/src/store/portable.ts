import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/** True on PostgreSQL; migrations use it for the few types the two engines spell differently. */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An auto-incrementing integer primary key `id` on both engines:
 * `db.schema.createTable('x').$call(autoId(db))`.
 */
export function autoId(db: Kysely<unknown>) {
  return <T extends string>(table: CreateTableBuilder<T>) =>
    isPostgres(db)
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
