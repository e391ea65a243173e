import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { EventLogStore, type RecordedEvent } from '../../src/kernel/event-log/event-log.store.js';
import type { CoreTables } from '../../src/store/core.schema.js';
import { ledger } from '../fixtures/plugins/ledger/plugin.js';
import { seedAccount, startTestCore, type TestCore } from '../support/harness.js';

/**
 * The durable event log (issue 10 item 2) through the `ledger` fixture plugin: records in a
 * transaction, a consumer that acknowledges batches of two, then restarts and two cores on one
 * database. The tests run in order on one database, each going on from where the last one left.
 */
const started: TestCore[] = [];
let token: string;
let database: TestCore['config']['database'];

const start = async (instance: string) => {
  const core = await startTestCore({ plugins: { ledger: { options: { instance } } }, database });
  started.push(core);
  database = core.config.database;
  return core;
};
const stop = async (core: TestCore) => {
  started.splice(started.indexOf(core), 1);
  await core.stop();
};
const record = async (core: TestCore, n: number, path = '/api/ledger/entries', rollback = false) =>
  (await core.api.call('POST', path, { token, body: { n, rollback } })).status;
const consumerRow = (core: TestCore) =>
  (core.db as Kysely<CoreTables>).selectFrom('core_event_consumers').selectAll().where('consumer_id', '=', 'ledger.tally').executeTakeFirstOrThrow();
/** Waits long enough for a standby's poll (1 s) to notice a released or expired lease. */
const takeover = { timeout: 5000, interval: 20 };

let a: TestCore;
beforeAll(async () => {
  a = await start('A');
  const acc = await seedAccount(a);
  token = (await a.api.login(acc.admin.email, acc.admin.password)).accessToken;
});
afterAll(async () => {
  for (const core of started.splice(0)) await core.stop();
});

describe('durable event log', () => {
  it('hands what transactions recorded to the consumer in order, after commit; a rollback records nothing', async () => {
    ledger.reset();
    expect(await record(a, 1)).toBe(201);
    expect(await record(a, 2)).toBe(201);
    expect(await record(a, 99, '/api/ledger/entries', true)).toBe(400);
    expect(await record(a, 3)).toBe(201);
    expect(await record(a, 4, '/api/ledger/appended')).toBe(201);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([1, 2, 3, 4]));
    const positions = ledger.attempts.flatMap((x) => x.positions);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(4);
    expect(ledger.attempts.every((x) => x.ns.length <= 2)).toBe(true);
    // Published on the bus as well, and the rolled-back one nowhere.
    expect(ledger.live).toEqual([1, 2, 3, 4]);
    expect((await consumerRow(a)).position).toBe(positions.at(-1));
  });

  it('hands a batch whose handler threw again, and moves on only once it was handled', async () => {
    ledger.reset();
    ledger.failuresLeft = 2;
    await record(a, 5);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([5]), takeover);
    expect(ledger.attempts.map((x) => [x.ns, x.ok])).toEqual([
      [[5], false],
      [[5], false],
      [[5], true],
    ]);
  });

  it('resumes from its stored position after a restart: nothing acknowledged comes again, nothing unacknowledged is lost', async () => {
    ledger.reset();
    ledger.failuresLeft = Infinity;
    await record(a, 6);
    await record(a, 7);
    await vi.waitFor(() => expect(ledger.attempts.some((x) => x.ns.includes(6))).toBe(true));
    await stop(a);
    expect(ledger.acked()).toEqual([]);

    ledger.reset();
    a = await start('A');
    await vi.waitFor(() => expect(ledger.acked()).toEqual([6, 7]));
    await record(a, 8);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([6, 7, 8]));
  });

  it('on two cores sharing the database one reads at a time; when it stops the other goes on from the stored position', async () => {
    ledger.reset();
    const b = await start('B');
    await record(a, 9);
    await record(b, 10);
    await record(b, 11);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([9, 10, 11]), takeover);
    // A held the lease when B started; B's own records reached A's reader by its poll.
    expect(new Set(ledger.attempts.map((x) => x.instance))).toEqual(new Set(['A']));

    await stop(a);
    await record(b, 12);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([9, 10, 11, 12]), takeover);
    expect(ledger.attempts.at(-1)).toMatchObject({ instance: 'B', ns: [12] });
    expect(ledger.maxActive).toBe(1);
    a = b;
  });

  it('a process whose lease ran out while it handled a batch cannot move the position', async () => {
    ledger.reset();
    const c = await start('C');
    // B reads; hold its handler on entry 13 past the end of its lease (expired in the database).
    let reached!: () => void;
    let release!: () => void;
    const inHand = new Promise<void>((resolve) => (reached = resolve));
    ledger.hold = { instance: 'B', reached, release: new Promise((resolve) => (release = resolve)) };
    await record(a, 13);
    await inHand;
    const before = await consumerRow(c);
    await (c.db as Kysely<CoreTables>).updateTable('core_event_consumers').set({ lease_expires_at: 0 }).where('consumer_id', '=', 'ledger.tally').execute();

    // C takes the lease over and handles 13 itself.
    await vi.waitFor(() => expect(ledger.attempts).toEqual([expect.objectContaining({ instance: 'C', ns: [13], ok: true })]), takeover);
    const taken = await consumerRow(c);
    expect(taken.lease_owner).not.toBe(before.lease_owner);
    release();
    await vi.waitFor(() => expect(ledger.attempts.map((x) => x.instance)).toEqual(['C', 'B']));
    // B's late acknowledgement was refused: the row is still C's, and 14 goes to C alone.
    await record(a, 14);
    await vi.waitFor(() => expect(ledger.acked()).toEqual([13, 13, 14]));
    expect(ledger.attempts.at(-1)).toMatchObject({ instance: 'C', ns: [14] });
    expect((await consumerRow(c)).lease_owner).toBe(taken.lease_owner);
  });

  it('records the events of the rows a write returned, with the write (writeRecorded): concurrent writes share a commit, each is one unit', async () => {
    ledger.reset();
    const lines = async (ns: number[], flags: { fail?: boolean; foreign?: boolean } = {}) => {
      const { status, body } = await a.api.call<{ written: number[] }>('POST', '/api/ledger/lines', { token, body: { ns, ...flags } });
      return status === 201 ? body.written.sort((x, y) => x - y) : status;
    };
    // Sent at once: on SQLite they go to the writer thread together. 21 is written by one of
    // the two that ask for it; the failing write and the foreign event change nothing.
    const [first, second, third, failed, foreign] = await Promise.all([lines([20, 21]), lines([22]), lines([21, 23]), lines([25], { fail: true }), lines([26], { foreign: true })]);
    expect([failed, foreign]).toEqual([500, 500]);
    expect(second).toEqual([22]);
    expect([...(first as number[]), ...(third as number[])].sort()).toEqual([20, 21, 23]);
    // C reads (the test before): it hears of B's records by its poll.
    await vi.waitFor(() => expect([...ledger.acked()].sort()).toEqual([20, 21, 22, 23]), takeover);
    expect([...ledger.live].sort()).toEqual([20, 21, 22, 23]);
    const db = a.db as Kysely<CoreTables & { ledger_lines: { n: number } }>;
    expect((await db.selectFrom('ledger_lines').select('n').orderBy('n').execute()).map((r) => r.n)).toEqual([20, 21, 22, 23]);
    const entries = await db.selectFrom('core_event_log').select('payload').where('name', '=', 'ledger.entry.recorded').execute();
    expect(entries.map((e) => (JSON.parse(e.payload) as { n: number }).n).filter((n) => n >= 20).sort()).toEqual([20, 21, 22, 23]);
  });

  it('sweeps old entries once every live consumer passed them', async () => {
    const db = a.db as Kysely<CoreTables>;
    const store = new EventLogStore(db);
    const week = 7 * 24 * 3600_000;
    const sweep = () => store.sweep(Date.now() - week, Date.now() - week);
    const positions = async () => (await db.selectFrom('core_event_log').select('position').orderBy('position').execute()).map((r) => Number(r.position));
    // A consumer that stands at 0 and was seen a minute ago holds everything back.
    await db.insertInto('core_event_consumers').values({ consumer_id: 'test.behind', position: 0, lease_owner: null, lease_expires_at: Date.now() - 60_000 }).execute();
    await db.transaction().execute((trx) => store.insert(trx, [other], 1));
    const [ancient, recent] = [(await positions()).at(-1)!, (await positions()).at(-2)!];
    expect(await sweep()).toBe(0);

    // Silent for longer than the retention, it no longer does; the ledger's consumer skips the
    // entry of a name it does not read and passes it at its next poll.
    await db.updateTable('core_event_consumers').set({ lease_expires_at: Date.now() - week - 1 }).where('consumer_id', '=', 'test.behind').execute();
    await vi.waitFor(async () => expect((await consumerRow(a)).position).toBe(ancient), takeover);
    expect(await sweep()).toBe(1);
    expect(await positions()).not.toContain(ancient);
    expect(await positions()).toContain(recent);
  });

  it.runIf(inject('postgresUrl'))('on PostgreSQL a later insert waits for an earlier one to commit, so positions never become visible out of order', async () => {
    const db = a.db as Kysely<CoreTables>;
    const store = new EventLogStore(db);
    const { first, commitFirst } = holdingTheLock(db);
    const committed: string[] = [];
    void first.then(() => committed.push('first'));
    const second = db.transaction().execute(async (trx) => {
      // Begun after the first one inserted: its position will be higher.
      await vi.waitFor(async () => expect(await advisory(db, true)).toBe(1));
      await store.insert(trx, [other], Date.now());
      return (await trx.selectFrom('core_event_log').select((eb) => eb.fn.max('position').as('p')).executeTakeFirstOrThrow()).p;
    });
    void second.then(() => committed.push('second'));
    try {
      // The second waits on the lock the first holds until its COMMIT.
      await vi.waitFor(async () => expect(await advisory(db, false)).toBe(1));
      expect(committed).toEqual([]);
    } finally {
      commitFirst();
    }
    const [p1, p2] = [Number(await first), Number(await second)];
    expect(p2).toBeGreaterThan(p1);
    expect(committed).toEqual(['first', 'second']);
  });

  it.runIf(inject('postgresUrl'))('on PostgreSQL a recorded write (one statement) waits for the lock as well, and its entries come after', async () => {
    const db = a.db as Kysely<CoreTables>;
    const { first, commitFirst } = holdingTheLock(db);
    await vi.waitFor(async () => expect(await advisory(db, true)).toBe(1));
    const written = a.api.call('POST', '/api/ledger/lines', { token, body: { ns: [40] } });
    try {
      await vi.waitFor(async () => expect(await advisory(db, false)).toBe(1));
    } finally {
      commitFirst();
    }
    const p1 = Number(await first);
    expect((await written).status).toBe(201);
    const entry = await db.selectFrom('core_event_log').select(['position', 'payload']).where('name', '=', 'ledger.entry.recorded').orderBy('position', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toEqual({ accountId: expect.any(String), n: 40 });
    expect(Number(entry.position)).toBeGreaterThan(p1);
  });
});

/** A transaction that inserted into the log (taking its lock) and waits for `commitFirst`; `first` is its position. */
function holdingTheLock(db: Kysely<CoreTables>) {
  let commitFirst!: () => void;
  const gate = new Promise<void>((resolve) => (commitFirst = resolve));
  const first = db.transaction().execute(async (trx) => {
    await new EventLogStore(db).insert(trx, [other], Date.now());
    await gate;
    return (await trx.selectFrom('core_event_log').select((eb) => eb.fn.max('position').as('p')).executeTakeFirstOrThrow()).p;
  });
  return { first, commitFirst };
}

/** PostgreSQL: advisory locks in this database held (granted) or waited for. */
const advisory = async (db: Kysely<CoreTables>, granted: boolean) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted = ${granted} and database = (select oid from pg_database where datname = current_database())`.execute(db)).rows[0]!.n;

/** An entry of a name the ledger's consumer does not read. */
const other = { name: 'ledger.other', payload: '{}', accountId: null } as unknown as RecordedEvent;
