import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { writeWithRowEvents } from '../store/recorded-write.js';
import type { EventBus } from './event-bus.js';
import type { RowEvent } from '../store/row-events.js';
import type { EventLog } from './event-log/event-log.js';
import { EventLogStore, type RecordedEvent } from './event-log/event-log.store.js';
import type { CallpyEvents, EventName } from './events.js';
import { accountIdOf, recordable } from './plugin-transaction.js';
import type { PluginDatabase } from './plugin.types.js';

/**
 * `ctx.db.writeRecorded` of one plugin. The query is compiled by the plugin's own `ctx.db.kysely`
 * (its own tables only); the events are checked as `after.record` checks them, before anything
 * is written, then recorded for the rows the write returned and published after COMMIT.
 */
export function pluginRecordedWrite(pluginId: string, db: Kysely<unknown>, bus: EventBus, log: EventLog): PluginDatabase<unknown>['writeRecorded'] {
  return async (query, record) => {
    const compiled: CompiledQuery = 'compile' in query ? (query as Compilable<unknown>).compile() : query;
    const planned = record.events.map((e) => {
      recordable(pluginId, e.name, e.payload);
      return { key: e.key, name: e.name, accountId: accountIdOf(e.payload), payload: e.payload as Record<string, unknown> };
    });
    const plan = log.plan(record.key, record.fill ?? {}, planned);
    const { rows, events } = await writeWithRowEvents(db, compiled, plan, EventLogStore.pgWriteWithEntries);
    for (const e of events) bus.publish(e.name as EventName, e.payload as unknown as CallpyEvents[EventName]);
    log.committed(events.map(asRecorded));
    return rows as never;
  };
}

const asRecorded = (e: RowEvent): RecordedEvent => ({ name: e.name as EventName, payload: e.json, accountId: e.accountId });
