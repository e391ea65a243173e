import type { Kysely, KyselyPlugin, Transaction } from 'kysely';
import type { EventBus } from './event-bus.js';
import type { EventLog } from './event-log/event-log.js';
import type { RecordedEvent } from './event-log/event-log.store.js';
import type { CallpyEvents, EventName } from './events.js';
import { KernelError } from './kernel-error.js';
import type { AfterCommit, PluginDatabase } from './plugin.types.js';

/**
 * `ctx.db.transaction` of one plugin: `after.publish` and `after.record` queue events in call
 * order; the recorded ones are inserted into the event log as the transaction's last statements
 * (a rollback loses them with the change), and all of them reach the bus only after COMMIT.
 */
export function pluginTransaction(pluginId: string, db: Kysely<unknown>, ownTables: KyselyPlugin, bus: EventBus, log: EventLog): PluginDatabase<unknown>['transaction'] {
  return async (work) => {
    const after = new AfterCommitQueue(pluginId);
    const result = await db.transaction().execute(async (trx: Transaction<unknown>) => {
      let value;
      try {
        value = await work(trx.withPlugin(ownTables), after);
      } finally {
        after.seal();
      }
      await log.insert(trx, after.recorded);
      return value;
    });
    after.flush(bus);
    log.committed(after.recorded);
    return result;
  };
}

class AfterCommitQueue implements AfterCommit {
  readonly recorded: RecordedEvent[] = [];
  private readonly queued: [EventName, unknown][] = [];
  private sealed = false;

  constructor(private readonly pluginId: string) {}

  publish = <N extends EventName>(name: N, payload: CallpyEvents[N]): void => {
    this.queued.push([name, payload]);
  };

  record = <N extends EventName>(name: N, payload: CallpyEvents[N]): void => {
    // A record after the work returned would be neither in the log nor rolled back with it.
    if (this.sealed) throw new KernelError(`Plugin "${this.pluginId}" records "${name}" after its transaction ended`);
    this.recorded.push(recordable(this.pluginId, name, payload));
    this.queued.push([name, payload]);
  };

  seal(): void {
    this.sealed = true;
  }

  flush(bus: EventBus): void {
    for (const [name, payload] of this.queued) bus.publish(name, payload as CallpyEvents[typeof name]);
  }
}

/** An event a plugin may record: its own, with a JSON payload; serialised now, so later mutation cannot change it. */
export function recordable(pluginId: string, name: EventName, payload: unknown): RecordedEvent {
  if (!name.startsWith(`${pluginId}.`)) throw new KernelError(`Plugin "${pluginId}" may record only its own events ("${pluginId}.…"), not "${name}"`);
  const json = JSON.stringify(payload);
  if (json === undefined) throw new KernelError(`The payload of "${name}" is not JSON`);
  return { name, payload: json, accountId: accountIdOf(payload) };
}

/** The payload's `accountId`, which the log keeps beside it. */
export function accountIdOf(payload: unknown): string | null {
  const accountId = (payload as { accountId?: unknown } | null)?.accountId;
  return typeof accountId === 'string' ? accountId : null;
}
