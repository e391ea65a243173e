import type { Clock } from '../../src/kernel/clock.js';

interface Timer {
  at: number;
  fn: () => void;
}

/**
 * A clock the test moves by hand: `advance` fires the timers that fall due, in order, each with
 * the clock showing its own due time — as if that much time had passed, without waiting for it.
 */
export class FakeClock implements Clock {
  private readonly timers = new Set<Timer>();

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + Math.max(0, ms), fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
  }

  /** Moves to an instant (ISO date), firing what falls due on the way. */
  advanceTo(iso: string): void {
    this.advance(Date.parse(iso) - this.time);
  }
}
