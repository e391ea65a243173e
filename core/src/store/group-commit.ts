/** Writes one batch; returns one result per item, in the items' order. */
export type BatchWrite<I, O> = (items: I[]) => Promise<O[]>;

/**
 * Group commit: writes that arrive while a batch is in flight wait and go together in the next
 * statement. Idle, a write goes at once — no timer, no added latency. Under load each statement's
 * fixed cost (a round trip, a parse, a commit, waking a database process) is shared by the whole
 * batch, so a backlog drains instead of growing: at a thousand chat messages a second on a busy
 * two-core machine, one statement per message fell behind and never caught up.
 *
 * A failed batch of several is written again one item at a time, so one bad item fails alone and
 * the rest are not lost.
 */
export class GroupCommit<I, O> {
  private readonly waiting: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: BatchWrite<I, O>,
    private readonly limits: { maxBatch: number; concurrency: number },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.limits.concurrency && this.waiting.length) {
      const batch = this.waiting.splice(0, this.limits.maxBatch);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async settle(batch: typeof this.waiting): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((w) => this.settle([w])));
    }
  }
}
