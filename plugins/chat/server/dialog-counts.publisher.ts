import type { ChatContext } from './chat.db.js';
import type { DialogsService } from './dialogs.service.js';
import type { OperatorsService } from './operators.service.js';

/**
 * Runs of one account start at least this far apart: a burst of new dialogs (a thousand visitors
 * writing at once) costs two runs a second instead of one per dialog, and the counters are at most
 * this late.
 */
const MIN_INTERVAL_MS = 500;

/**
 * Pushes fresh section counters (`dialogs.counts`) to every connected operator of an account after
 * its dialogs were created or moved between sections — never for a message alone. Each operator
 * gets their own numbers ("mine", and "common" by department), so they are computed per operator —
 * an account has few. A burst of changes costs one run in flight and at most one more after it,
 * started no sooner than MIN_INTERVAL_MS after the one before.
 */
export class DialogCountsPublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly lastStarted = new Map<string, number>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly dialogs: DialogsService,
    private readonly operators: OperatorsService,
  ) {}

  publish(accountId: string): void {
    if (this.waiting.has(accountId)) return;
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
    const wait = (this.lastStarted.get(accountId) ?? 0) + MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.run(accountId);
    const timer = setTimeout(() => {
      this.waiting.delete(accountId);
      this.run(accountId);
    }, wait);
    this.waiting.set(accountId, timer);
  }

  private run(accountId: string): void {
    this.lastStarted.set(accountId, Date.now());
    const run = this.emit(accountId)
      .catch((err: unknown) => this.ctx.logger.error({ err, accountId }, 'dialog counters push failed'))
      .finally(() => {
        this.running.delete(accountId);
        if (this.again.delete(accountId)) this.publish(accountId);
      });
    this.running.set(accountId, run);
  }

  private async emit(accountId: string): Promise<void> {
    for (const userId of await this.operators.connectedIds(accountId)) {
      const counts = await this.dialogs.counts(accountId, userId);
      this.ctx.realtime.namespace.to(`user:${userId}`).emit('dialogs.counts', counts);
    }
  }

  /** Drops the pushes still waiting and lets those in flight finish (shutdown, before the database closes). */
  async stop(): Promise<void> {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.again.clear();
    while (this.running.size) await Promise.all(this.running.values());
  }
}
