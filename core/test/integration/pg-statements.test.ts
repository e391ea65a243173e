import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../../scripts/testing/postgres.mjs';
import { openDatabase } from '../../src/store/database.js';

interface Tables {
  notes: { id: number; text: string };
}

const postgresUrl = inject('postgresUrl');
let db: Kysely<Tables>;

/** Named statements of the connection that runs this (the pool hands the same idle one back). */
const prepared = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

describe.skipIf(!postgresUrl)('PostgreSQL named statements (PostgreSQL only)', () => {
  beforeAll(async () => {
    db = openDatabase<Tables>({ engine: 'postgres', url: await createDatabase(postgresUrl!, `statements_${randomBytes(6).toString('hex')}`) });
    await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('text', 'text', (c) => c.notNull()).execute();
    await db.insertInto('notes').values([{ id: 1, text: 'one' }, { id: 2, text: 'two' }]).execute();
  });
  afterAll(() => db?.destroy());

  it('prepares a query from its second run on, and answers each run with its own values', async () => {
    const textOf = async (id: number) => (await db.selectFrom('notes').select('text').where('id', '=', id).executeTakeFirst())?.text;
    expect(await textOf(1)).toBe('one');
    expect(await prepared()).not.toContain('select "text" from "notes" where "id" = $1');
    expect(await textOf(2)).toBe('two');
    expect(await textOf(3)).toBeUndefined();
    expect(await prepared()).toContain('select "text" from "notes" where "id" = $1');
    // DDL is never prepared.
    expect((await prepared()).filter((s) => s.startsWith('create'))).toEqual([]);
  });

  it('goes back to an unnamed statement when another process altered the table under a prepared select *', async () => {
    const all = () => db.selectFrom('notes').selectAll().orderBy('id').execute();
    await all();
    await all();
    await sql`alter table notes add column pinned integer not null default 0`.execute(db);
    expect(await all()).toEqual([{ id: 1, text: 'one', pinned: 0 }, { id: 2, text: 'two', pinned: 0 }]);
    expect(await all()).toHaveLength(2);
  });
});
