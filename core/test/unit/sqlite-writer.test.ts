import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { writeWithRowEvents } from '../../src/store/recorded-write.js';

interface Tables {
  notes: { id: number; text: string; data: Buffer | null };
  log: { position: number; name: string; payload: string; account_id: string | null; created_at: number };
}

/** The SQLite connection lives in a writer thread (`sqlite-writer.ts`): the same answers as before, off the event loop. */
describe('SQLite through the writer thread', () => {
  let db: Kysely<Tables>;
  let file: string;

  beforeEach(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-writer-')), 'callpy.db');
    db = openDatabase<Tables>({ engine: 'sqlite', file });
    await db.schema
      .createTable('notes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('data', 'blob')
      .execute();
  });
  afterEach(() => db.destroy());

  it('keeps the event loop free while a statement runs', async () => {
    // About half a second of work inside SQLite; on the event loop it would hold every timer.
    const slow = sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < 3000000) select count(*) as n from c`.execute(db);
    let longestGap = 0;
    let last = performance.now();
    const ticking = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const { rows } = await slow;
    const took = performance.now() - started;
    clearInterval(ticking);
    expect(rows[0]?.n).toBe(3_000_000);
    expect(took).toBeGreaterThan(150);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('commits statements sent together in one go, and a failing one fails alone', async () => {
    await db.insertInto('notes').values({ id: 7, text: 'first', data: null }).execute();
    const writes = Array.from({ length: 200 }, (_, i) => db.insertInto('notes').values({ id: i + 1, text: `note ${i + 1}`, data: null }).execute());
    const outcomes = await Promise.allSettled(writes);
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ id: i + 1, error: o.reason as Error & { code?: string } }] : []));
    expect(failed.map((f) => f.id)).toEqual([7]);
    expect(failed[0]!.error.message).toMatch(/UNIQUE constraint failed: notes\.id/);
    expect(failed[0]!.error.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    const rows = await db.selectFrom('notes').select(['id', 'text']).orderBy('id').execute();
    expect(rows).toHaveLength(200);
    expect(rows[6]).toEqual({ id: 7, text: 'first' });
    expect(rows[199]).toEqual({ id: 200, text: 'note 200' });
    // A commit appends at least one 4 KiB page to the write-ahead log: 200 commits alone would
    // leave it over 800 KiB; the first write goes alone, the others wait for it and go together.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(20 * 4096);
  });

  it('gives a transaction the connection alone: what others send meanwhile is not part of it', async () => {
    let outsider: Promise<unknown> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 1, text: 'inside', data: null }).execute();
        outsider = db.insertInto('notes').values({ id: 2, text: 'outside', data: null }).execute();
        // The outsider waits for the transaction, which still sees only its own row.
        expect(await trx.selectFrom('notes').select('id').execute()).toEqual([{ id: 1 }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await outsider;
    expect(await db.selectFrom('notes').select(['id', 'text']).execute()).toEqual([{ id: 2, text: 'outside' }]);
  });

  it('writes a statement and the log entries of the rows it returned as one unit, among others in a group commit', async () => {
    await db.schema
      .createTable('log')
      .addColumn('position', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('payload', 'text')
      .addColumn('account_id', 'text')
      .addColumn('created_at', 'integer')
      .execute();
    const logInsert = 'insert into log (name, payload, account_id, created_at) values (?, ?, ?, ?)';
    const write = (ids: number[], insertSql = logInsert, returning = true) => {
      const insert = db.insertInto('notes').values(ids.map((id) => ({ id, text: `note ${id}`, data: null }))).onConflict((oc) => oc.column('id').doNothing());
      const events = ids.map((id) => ({ key: String(id), name: 'notes.added', accountId: 'acc', payload: { id, text: '?' } }));
      return writeWithRowEvents(db as Kysely<unknown>, (returning ? insert.returning(['id', 'text']) : insert).compile(), { keyColumn: 'id', fill: { text: 'text' }, events, insertSql, at: 5 }, () => {
        throw new Error('on SQLite the writer thread inserts the entries, no statement of PostgreSQL');
      });
    };
    const outcomes = await Promise.allSettled([write([1, 2]), write([2, 3]), write([4], 'insert into nowhere values (?, ?, ?, ?)'), write([6], logInsert, false), write([5])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/no such table: nowhere/);
    expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/must return its rows/);
    // 2 is written once, by the first; the entries of 4 and 6 could not be written, so neither were they.
    expect((outcomes[1] as PromiseFulfilledResult<{ events: unknown[] }>).value.events).toEqual([{ name: 'notes.added', accountId: 'acc', payload: { id: 3, text: 'note 3' }, json: '{"id":3,"text":"note 3"}' }]);
    expect((await db.selectFrom('notes').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2, 3, 5]);
    const entries = await db.selectFrom('log').select(['payload', 'account_id', 'created_at']).orderBy('position').execute();
    expect(entries).toEqual([1, 2, 3, 5].map((id) => ({ payload: JSON.stringify({ id, text: `note ${id}` }), account_id: 'acc', created_at: 5 })));
  });

  it('round-trips BLOBs as Buffers and reports counts of writes', async () => {
    const data = Buffer.from([0, 1, 2, 250, 255]);
    const inserted = await db.insertInto('notes').values({ id: 1, text: 'bytes', data }).executeTakeFirstOrThrow();
    expect(inserted.insertId).toBe(1n);
    const row = await db.selectFrom('notes').select('data').executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(row.data)).toBe(true);
    expect(row.data?.equals(data)).toBe(true);
    const updated = await db.updateTable('notes').set({ text: 'changed' }).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(1n);
  });

  it('runs what was sent before it closes', async () => {
    const last = db.insertInto('notes').values({ id: 1, text: 'last words', data: null }).execute();
    await db.destroy();
    await last;
    db = openDatabase<Tables>({ engine: 'sqlite', file });
    expect(await db.selectFrom('notes').select('text').execute()).toEqual([{ text: 'last words' }]);
  });
});

describe('SQLite that cannot be opened', () => {
  it('fails its queries with the reason', async () => {
    // A folder where the database file should be.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-writer-'));
    const db = openDatabase<Tables>({ engine: 'sqlite', file: folder });
    await expect(sql`select 1`.execute(db)).rejects.toThrow(/unable to open database file/);
    await db.destroy();
  });
});
