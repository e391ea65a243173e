import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { preparedQuery } from '../../src/store/prepared-query.js';

interface Tables {
  notes: { id: number; owner: string; text: string; pinned: number };
}

let db: Kysely<Tables>;

beforeEach(async () => {
  db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  await sql`create table notes (id integer primary key, owner text not null, text text not null, pinned integer not null)`.execute(db);
});
afterEach(() => db.destroy());

describe('preparedQuery', () => {
  it('builds once and runs with each call\'s values, constants kept', async () => {
    const insert = preparedQuery(db, (note: Tables['notes']) => db.insertInto('notes').values(note).returning('id'));
    const build = vi.fn((a: { owner: string }) => db.selectFrom('notes').select('text').where('owner', '=', a.owner).where('pinned', '=', 1).orderBy('id'));
    const pinnedOf = preparedQuery(db, build);
    expect(await insert({ id: 1, owner: 'anna', text: 'first', pinned: 1 })).toEqual([{ id: 1 }]);
    await insert({ id: 2, owner: 'oleg', text: "it's <b>mine</b>", pinned: 1 });
    await insert({ id: 3, owner: 'anna', text: 'hidden', pinned: 0 });
    await insert({ id: 4, owner: 'anna', text: 'second', pinned: 1 });
    expect(await pinnedOf({ owner: 'anna' })).toEqual([{ text: 'first' }, { text: 'second' }]);
    expect(await pinnedOf({ owner: 'oleg' })).toEqual([{ text: "it's <b>mine</b>" }]);
    expect(await pinnedOf({ owner: "nobody' or 1=1 --" })).toEqual([]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('runs inside a transaction when given one', async () => {
    const insert = preparedQuery(db, (note: Tables['notes']) => db.insertInto('notes').values(note));
    await expect(
      db.transaction().execute(async (trx) => {
        await insert({ id: 1, owner: 'anna', text: 'undone', pinned: 0 }, trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });

  it('refuses an argument used as anything but a value', async () => {
    const inRaw = preparedQuery(db, (a: { owner: string }) => db.selectFrom('notes').selectAll().where(sql.lit(a.owner), '=', 'x'));
    await expect(inRaw({ owner: 'anna' })).rejects.toThrow(/every argument must be a value/);
    const unused = preparedQuery(db, (_a: { owner: string; text: string }) => db.selectFrom('notes').selectAll());
    await expect(unused({ owner: 'anna', text: 'x' })).rejects.toThrow(/misused: owner, text/);
  });
});
