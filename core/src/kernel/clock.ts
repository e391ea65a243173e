/**
 * Time as the core's timed jobs see it (e.g. working-hours edges). Production uses the system clock;
 * tests hand the platform a fake one and move time themselves, so a job that acts at 09:00 in
 * Vladivostok is tested without waiting for 09:00 or mocking the process's timers.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Calls `fn` once, after `ms` of this clock's time; returns what cancels it. Callers re-check
   * `now()` when called: a long wait may be cut short (see systemClock).
   */
  after(ms: number, fn: () => void): () => void;
}

/** setTimeout's longest wait; a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    // The timer alone must not keep a stopping process alive.
    const timer = setTimeout(fn, Math.max(0, Math.min(ms, MAX_TIMEOUT_MS))).unref();
    return () => clearTimeout(timer);
  },
};
