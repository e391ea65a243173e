import type { CallpyGlobal, TrackCall } from '../widget-api.js';

/** Calls kept for listeners that register later; a page tracking in a loop must not grow the memory without end. */
export const TRACK_KEPT = 100;

/**
 * `Callpy.track` once the host is here (issue 10): the loader only queued the calls (`Callpy.q`,
 * including those of the install code's stub). Each listener gets every call kept so far, then
 * each new one live; one listener's exception reaches neither the page nor the others.
 */
export function trackCalls(global: Pick<CallpyGlobal, 'q' | 'track'>): (fn: (name: unknown, props: unknown) => void) => () => void {
  const listeners = new Set<(name: unknown, props: unknown) => void>();
  const deliver = (fn: (name: unknown, props: unknown) => void, [name, props]: TrackCall) => {
    try {
      fn(name, props);
    } catch (err) {
      console.warn('Callpy track:', err);
    }
  };
  const kept = global.q;
  kept.splice(0, kept.length - TRACK_KEPT);
  global.track = (name, props) => {
    const call: TrackCall = [name, props];
    kept.push(call);
    if (kept.length > TRACK_KEPT) kept.shift();
    for (const fn of listeners) deliver(fn, call);
  };
  return (fn) => {
    listeners.add(fn);
    for (const call of [...kept]) deliver(fn, call);
    return () => void listeners.delete(fn);
  };
}
