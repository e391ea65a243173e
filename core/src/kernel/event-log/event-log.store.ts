import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { CoreTables } from '../../store/core.schema.js';
import { isPostgres } from '../../store/portable.js';
import type { RowEventPlan } from '../../store/row-events.js';
import type { EventName } from '../events.js';
import type { EventLogEntry } from './event-log.types.js';

/** An event as `after.record` took it: the payload already serialised, so later mutation cannot change it. */
export interface RecordedEvent {
  name: EventName;
  payload: string;
  accountId: string | null;
}

/**
 * Serialises the inserts into the log on PostgreSQL (the key spells "clog"). Positions come from a
 * sequence when a row is inserted, but become visible when its transaction commits: without this,
 * transaction A could take position 7, B position 8, B commit first, a consumer read 8 and move
 * past it, and A's 7 appear behind its back — lost to that consumer. Holding this transaction-level
 * lock from the insert to the end of the transaction makes position order commit order: PostgreSQL
 * makes a transaction visible before it releases its locks, so the next inserter only gets its
 * (higher) position once every lower one is committed or rolled back. The lock is taken as the
 * last thing before COMMIT, so transactions serialise only for their insert and commit. SQLite
 * has one writer and needs nothing.
 */
const INSERT_LOCK = 0x636c6f67;

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The log's rows: written inside a caller's transaction, read in position order. */
export class EventLogStore {
  /** One entry, as the SQLite writer thread inserts those of a recorded write (`row-events.ts`). */
  static readonly sqliteInsertOne = 'insert into core_event_log (name, payload, account_id, created_at) values (?, ?, ?, ?)';

  /**
   * PostgreSQL: a write and the log entries of the rows it returned as one statement, so one round
   * trip and its own transaction. The write runs as a CTE; the lock (INSERT_LOCK) is taken once it
   * has finished and before any entry takes its position; each entry's payload gets the plan's
   * `fill` fields from its row (jsonb: the stored JSON's key order may differ from the bus's).
   */
  static pgWriteWithEntries(write: CompiledQuery, plan: RowEventPlan): CompiledQuery<Record<string, unknown>> {
    const parameters: unknown[] = [...write.parameters];
    const param = (value: unknown, type: string) => `$${parameters.push(value)}::${type}`;
    const planned = plan.events.map((e, i) => `(${param(i, 'int')}, ${param(e.key, 'text')}, ${param(e.name, 'text')}, ${param(JSON.stringify(e.payload), 'jsonb')}, ${param(e.accountId, 'text')})`);
    const fill = Object.entries(plan.fill).map(([field, column]) => `${param(field, 'text')}, w.${quoted(column)}`);
    const text = `with written as (${write.sql}),
      locked as (select pg_advisory_xact_lock(${INSERT_LOCK}) from (select count(*) from written) as done),
      planned (ord, key, name, payload, account_id) as (values ${planned.join(', ')}),
      logged as (
        insert into core_event_log (name, payload, account_id, created_at)
        select p.name, (p.payload || jsonb_build_object(${fill.join(', ')}))::text, p.account_id, ${param(plan.at, 'bigint')}
        from planned p join written w on w.${quoted(plan.keyColumn)}::text = p.key
        where exists (select 1 from locked)
        order by p.ord
      )
      select * from written`;
    return CompiledQuery.raw(text, parameters) as CompiledQuery<Record<string, unknown>>;
  }

  constructor(private readonly db: Kysely<CoreTables>) {}

  async insert(trx: Transaction<CoreTables>, events: readonly RecordedEvent[], at: number): Promise<void> {
    if (!events.length) return;
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${sql.lit(INSERT_LOCK)})`.execute(trx);
    await trx
      .insertInto('core_event_log')
      .values(events.map((e) => ({ name: e.name, payload: e.payload, account_id: e.accountId, created_at: at })))
      .execute();
  }

  /**
   * Up to `limit` entries after `position` whose name is one of `names`, in position order, and
   * how far they cover the log: the last entry's position when the batch is full, else the log's
   * end as it was before the read — entries of other names up to there need not be scanned again,
   * and a consumer of rare events does not hold the sweep back. That end is read first: every
   * position up to it is committed by then (see INSERT_LOCK), so the read that follows sees them.
   */
  async read(position: number, names: readonly EventName[], limit: number): Promise<{ entries: EventLogEntry[]; upTo: number }> {
    const { end } = await this.db.selectFrom('core_event_log').select((eb) => eb.fn.max('position').as('end')).executeTakeFirstOrThrow();
    const logEnd = end === null || end === undefined ? position : Number(end);
    if (logEnd <= position) return { entries: [], upTo: position };
    const rows = await this.db
      .selectFrom('core_event_log')
      .select(['position', 'name', 'payload', 'created_at'])
      .where('position', '>', position)
      .where('position', '<=', logEnd)
      .where('name', 'in', names)
      .orderBy('position')
      .limit(limit)
      .execute();
    const entries = rows.map((r) => ({ position: Number(r.position), name: r.name, payload: JSON.parse(r.payload), at: Number(r.created_at) }) as EventLogEntry);
    return { entries, upTo: entries.length === limit ? entries.at(-1)!.position : logEnd };
  }

  /**
   * Deletes entries recorded before `before` that every live consumer has passed. A consumer
   * without a sign of life since `aliveSince` (its plugin was removed) no longer holds them back.
   */
  async sweep(before: number, aliveSince: number): Promise<number> {
    const { low } = await this.db
      .selectFrom('core_event_consumers')
      .select((eb) => eb.fn.min('position').as('low'))
      .where('lease_expires_at', '>', aliveSince)
      .executeTakeFirstOrThrow();
    let query = this.db.deleteFrom('core_event_log').where('created_at', '<', before);
    if (low !== null && low !== undefined) query = query.where('position', '<=', Number(low));
    const { numDeletedRows } = await query.executeTakeFirst();
    return Number(numDeletedRows);
  }
}
