import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { cachingStatements } from '../../src/store/statement-cache.js';

interface Tables {
  notes: { id: number; text: string };
}

function open() {
  const db = new SqliteDatabase(':memory:');
  db.exec('create table notes (id integer primary key, text text not null)');
  const insert = db.prepare('insert into notes (id, text) values (?, ?)');
  for (let id = 1; id <= 5; id++) insert.run(id, `note ${id}`);
  const prepare = vi.spyOn(db, 'prepare');
  return { db, prepare, cached: cachingStatements(db) };
}

describe('SQLite prepared statement cache', () => {
  it('prepares each SQL text once and answers with fresh parameters every time', async () => {
    const { prepare, cached } = open();
    const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cached }) });
    const textOf = async (id: number) => (await kysely.selectFrom('notes').select('text').where('id', '=', id).executeTakeFirst())?.text;
    expect(await textOf(2)).toBe('note 2');
    expect(await textOf(4)).toBe('note 4');
    expect(await textOf(9)).toBeUndefined();
    await kysely.updateTable('notes').set({ text: 'changed' }).where('id', '=', 4).execute();
    expect(await textOf(4)).toBe('changed');
    // One select and one update, whatever the parameters.
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([
      'select "text" from "notes" where "id" = ?',
      'update "notes" set "text" = ? where "id" = ?',
    ]);
    await kysely.destroy();
  });

  it('never hands out a statement that is still being iterated (a stream)', () => {
    const { cached } = open();
    const sql = 'select id from notes order by id';
    const streaming = cached.prepare(sql).iterate([]);
    expect(streaming.next().value).toEqual({ id: 1 });
    // The same SQL meanwhile gets a statement of its own, and the stream goes on undisturbed.
    expect(cached.prepare(sql).all([])).toHaveLength(5);
    expect([...streaming]).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
    // Once the stream ended, the cached statement is reused.
    const first = cached.prepare(sql);
    expect(cached.prepare(sql)).toBe(first);
  });

  it('keeps at most 500 statements, dropping the least recently used', () => {
    const { prepare, cached } = open();
    const sqlOf = (n: number) => `select ${n} as n`;
    for (let n = 0; n <= 500; n++) cached.prepare(sqlOf(n));
    prepare.mockClear();
    cached.prepare(sqlOf(500));
    expect(prepare).not.toHaveBeenCalled();
    cached.prepare(sqlOf(0));
    expect(prepare).toHaveBeenCalledWith(sqlOf(0));
  });

  it('closes the database', () => {
    const { db, cached } = open();
    cached.close();
    expect(db.open).toBe(false);
  });
});
