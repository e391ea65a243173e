/**
 * Wakes a waiting consumer when its process recorded something, so the local case has no polling
 * delay. A wake that comes while the consumer is busy is kept, and its next wait returns at once:
 * nothing recorded between a read and the wait is left for the next poll.
 */
export class WakeSignal {
  private pending = false;
  private wakeUp: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /** Forgets earlier wakes; called right before a read that will see what they announced. */
  reset(): void {
    this.pending = false;
  }

  /** Resolves at the next wake (at once if one is pending) or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms).unref();
      this.wakeUp = done;
    });
  }
}
