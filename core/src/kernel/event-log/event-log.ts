import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { CoreTables } from '../../store/core.schema.js';
import type { PlannedEvent, RowEventPlan } from '../../store/row-events.js';
import type { Clock } from '../clock.js';
import type { EventName } from '../events.js';
import { KernelError } from '../kernel-error.js';
import { ConsumerLeases } from './consumer-leases.js';
import { ConsumerLoop, DEFAULT_TIMING, type ConsumerSpec, type ConsumerTiming } from './consumer-loop.js';
import { EventLogStore, type RecordedEvent } from './event-log.store.js';
import type { EventLogEntry, PluginEventLog } from './event-log.types.js';

/** Entries older than this that every live consumer passed are deleted. */
const RETENTION_MS = 7 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

const consumerSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a consumer name is lower-case letters, digits and dashes'),
  events: z.array(z.string().min(1)).min(1),
  batchSize: z.number().int().min(1).max(1000).default(100),
});

/**
 * The core's durable event log: what plugins record in their transactions, and the consumers
 * that read it. One per core process; `instanceId` names this process in consumer leases.
 */
export class EventLog {
  readonly instanceId = randomUUID();
  private readonly store: EventLogStore;
  private readonly leases: ConsumerLeases;
  /** Consumers by plugin id, in registration order. */
  private readonly consumers = new Map<string, ConsumerLoop[]>();
  private readonly running = new Set<string>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    db: Kysely<CoreTables>,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly timing: ConsumerTiming = DEFAULT_TIMING,
  ) {
    this.store = new EventLogStore(db);
    this.leases = new ConsumerLeases(db);
  }

  /** Writes what a transaction recorded, inside it (its last statements before COMMIT). */
  insert(trx: Transaction<unknown>, events: readonly RecordedEvent[]): Promise<void> {
    return this.store.insert(trx as Transaction<CoreTables>, events, this.clock.now());
  }

  /** What the database needs to record the events of a write's rows with it (`ctx.db.writeRecorded`). */
  plan(keyColumn: string, fill: Record<string, string>, events: PlannedEvent[]): RowEventPlan {
    return { keyColumn, fill, events, insertSql: EventLogStore.sqliteInsertOne, at: this.clock.now() };
  }

  /** After COMMIT: wakes this process's consumers of those events at once. */
  committed(events: readonly RecordedEvent[]): void {
    if (!events.length) return;
    const names = new Set(events.map((e) => e.name));
    for (const loops of this.consumers.values()) {
      for (const loop of loops) if (loop.events.some((name) => names.has(name))) loop.notify();
    }
  }

  /** `ctx.eventLog` of one plugin; `append` is its own small transaction. */
  forPlugin(pluginId: string, append: PluginEventLog['append']): PluginEventLog {
    return {
      append,
      consume: (name, consumer) => {
        const parsed = consumerSchema.safeParse({ name, events: consumer.events, batchSize: consumer.batchSize });
        if (!parsed.success) throw new KernelError(`Plugin "${pluginId}" registers an invalid event consumer "${name}": ${z.prettifyError(parsed.error)}`);
        const spec: ConsumerSpec = {
          id: `${pluginId}.${parsed.data.name}`,
          events: parsed.data.events as EventName[],
          batchSize: parsed.data.batchSize,
          handle: consumer.handle as (entries: EventLogEntry[]) => Promise<void>,
        };
        const loops = this.consumers.get(pluginId) ?? [];
        if (loops.some((l) => l.id === spec.id)) throw new KernelError(`Plugin "${pluginId}" registers the event consumer "${name}" twice`);
        const loop = new ConsumerLoop(spec, this.instanceId, this.store, this.leases, this.logger.child({ plugin: pluginId }), this.timing);
        this.consumers.set(pluginId, [...loops, loop]);
        // Registered after its plugin's setup (from a later callback): it starts at once.
        if (this.running.has(pluginId)) loop.start();
      },
    };
  }

  /** After the plugin's setup. */
  startPlugin(pluginId: string): void {
    this.running.add(pluginId);
    for (const loop of this.consumers.get(pluginId) ?? []) loop.start();
  }

  /** Before the plugin's stop: its consumers finish the batch in hand and give their leases up. */
  async stopPlugin(pluginId: string): Promise<void> {
    this.running.delete(pluginId);
    const loops = this.consumers.get(pluginId) ?? [];
    this.consumers.delete(pluginId);
    await Promise.all(loops.map((l) => l.stop()));
  }

  /** Deletes old entries every consumer passed, now and then (any process may; it is idempotent). */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  async sweep(): Promise<void> {
    try {
      // Entries are dated by the core's clock; consumers' signs of life are lease times (wall clock).
      const deleted = await this.store.sweep(this.clock.now() - RETENTION_MS, Date.now() - RETENTION_MS);
      if (deleted) this.logger.info({ deleted }, 'old event log entries deleted');
    } catch (err) {
      this.logger.warn({ err }, 'event log sweep failed; tried again later');
    }
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
