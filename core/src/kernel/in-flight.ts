/**
 * Counts work that was accepted and must finish before shutdown: HTTP requests and socket event
 * handlers. `drain()` resolves when the count reaches zero (or the timeout passes).
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.done();
    }
  }

  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (!ended) {
        ended = true;
        this.done();
      }
    };
  }

  get size(): number {
    return this.count;
  }

  drain(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private done(): void {
    this.count--;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }
}
