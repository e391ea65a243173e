import type { Logger } from '../logging/logger.js';
import type { CallpyEvents, EventHandler, EventName } from './events.js';

type AnyHandler = (payload: unknown) => void | Promise<void>;

/**
 * In-process typed event bus. Events are only handed to it after the database transaction that
 * produced them committed (see `PluginDatabase.transaction`), and delivered asynchronously so a
 * slow subscriber never holds up the publisher. A failing subscriber is logged, never rethrown.
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<{ owner: string; fn: AnyHandler }>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  subscribe<N extends EventName>(owner: string, name: N, handler: EventHandler<N>): () => void {
    const entry = { owner, fn: handler as AnyHandler };
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(entry);
    return () => set.delete(entry);
  }

  publish<N extends EventName>(name: N, payload: CallpyEvents[N]): void {
    for (const { owner, fn } of this.handlers.get(name) ?? []) {
      const delivery: Promise<void> = Promise.resolve()
        .then(() => fn(payload))
        .catch((err: unknown) => {
          this.logger.error({ err, event: name, subscriber: owner }, 'event subscriber failed');
        })
        .finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  /** Resolves once every delivery started so far has finished; used on shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  unsubscribeOwner(owner: string): void {
    for (const set of this.handlers.values()) {
      for (const entry of set) if (entry.owner === owner) set.delete(entry);
    }
  }
}
