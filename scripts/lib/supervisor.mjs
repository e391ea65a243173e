// Keeps one child process of the local stack running. `npm start` supervises the core and the CMS
// with it, so a crash of one (or a kill -9) costs a restart of that one, not the whole stack.
// Restarts back off like systemd's: 1 s, 2 s, 4 s … capped at 30 s, so a process that cannot start
// does not spin; a child that stayed up for a minute counts as healthy and the next delay is 1 s.
import { EventEmitter } from 'node:events';

/** The delay before restart number `failures + 1` (0-based count of quick exits in a row). */
export const backoffDelay = (failures, { initialMs, maxMs }) => Math.min(maxMs, initialMs * 2 ** failures);

/**
 * Starts `start()` (which returns { child, stop } like spawnLogged) and starts it again whenever
 * its child exits while not stopped. Events: 'spawn' (child), 'exit' ({ code, signal, delayMs }:
 * the restart is due in delayMs).
 * @param {string} name
 * @param {() => { child: import('node:child_process').ChildProcess, stop: () => Promise<void> }} start
 * @param {{ initialMs?: number, maxMs?: number, resetAfterMs?: number, log?: (line: string) => void, now?: () => number }} [options]
 *   `now` is the clock uptime is measured with (tests pass their own).
 */
export function supervise(name, start, { initialMs = 1000, maxMs = 30_000, resetAfterMs = 60_000, log = (line) => console.error(line), now = Date.now } = {}) {
  const events = new EventEmitter();
  let current;
  let failures = 0;
  let timer;
  let stopped = false;

  const launch = () => {
    timer = undefined;
    const proc = start();
    const startedAt = now();
    current = proc;
    proc.child.once('exit', (code, signal) => {
      if (stopped) return;
      if (now() - startedAt >= resetAfterMs) failures = 0;
      const delayMs = backoffDelay(failures, { initialMs, maxMs });
      failures += 1;
      log(`${name} exited (${signal ?? `code ${code}`}); restarting it in ${delayMs / 1000} s`);
      timer = setTimeout(launch, delayMs);
      events.emit('exit', { code, signal, delayMs });
    });
    events.emit('spawn', proc.child);
  };
  launch();

  return {
    events,
    /** The child running now (a new one after each restart). */
    get child() {
      return current.child;
    },
    /** Stops for good: no restart is scheduled, the running child gets SIGTERM (then SIGKILL). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}
