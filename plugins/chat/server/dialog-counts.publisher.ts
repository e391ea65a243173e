import type { ChatContext } from './chat.db.js';
import type { DialogsService } from './dialogs.service.js';
import type { OperatorsService } from './operators.service.js';

/**
 * Pushes fresh section counters (`dialogs.counts`) to every connected operator of an account after
 * its dialogs changed. Each operator gets their own numbers ("mine", and "common" by department),
 * so they are computed per operator — an account has few. A burst of changes costs one run in
 * flight and at most one more after it.
 */
export class DialogCountsPublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly dialogs: DialogsService,
    private readonly operators: OperatorsService,
  ) {}

  publish(accountId: string): void {
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
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

  /** Lets the pushes in flight finish (shutdown, before the database closes). */
  async stop(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }
}
