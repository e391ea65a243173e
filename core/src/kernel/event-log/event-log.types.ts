import type { CallpyEvents, EventName } from '../events.js';

/**
 * One event of the durable log as a consumer gets it: `position` grows with every record (with
 * gaps), `at` is when it was recorded (epoch ms), `payload` is the recorded JSON read back.
 */
export type EventLogEntry<N extends EventName = EventName> = {
  [K in N]: { position: number; name: K; payload: CallpyEvents[K]; at: number };
}[N];

export interface EventLogConsumer<N extends EventName> {
  /** The event names this consumer reads; the others are skipped, not delivered. */
  events: readonly N[];
  /** Entries handed to one `handle` call at most; 100 unless given. */
  batchSize?: number;
  /**
   * Gets entries in position order. The consumer's position moves past them only after this
   * resolved; a throw hands the same batch again after a back-off. At least once: an entry may
   * come again after a crash or a lost lease, so make handling idempotent (e.g. by `position`).
   */
  handle(entries: EventLogEntry<N>[]): Promise<void>;
}

/** `ctx.eventLog`: the durable log for consumers that must not miss an event (statistics, webhooks, CRM). */
export interface PluginEventLog {
  /**
   * Records an event in a small transaction of its own, for a change that has none (inside one,
   * use `after.record`). Published on the bus after COMMIT too. Names must be the plugin's own.
   */
  append<N extends EventName>(name: N, payload: CallpyEvents[N]): Promise<void>;
  /**
   * Registers the consumer `<pluginId>.<name>`; the kernel runs it after the plugin's setup and
   * stops it before the plugin's stop. It resumes from its stored position after a restart, and
   * across core processes one of them at a time reads it (a lease in the database).
   */
  consume<N extends EventName>(name: string, consumer: EventLogConsumer<N>): void;
}
