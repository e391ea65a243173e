// Preloaded into a server process by the chat-latency bench (`node --import` this) when
// BENCH_STALL_FILE is set: records every event-loop stall over 10 ms and every garbage collection,
// each with its wall-clock start (performance.timeOrigin + startTime, the same clock as the
// bench's), and writes them with the process's CPU time to the file at exit. The bench keeps the
// ones inside its measured window, so a latency stall can be told apart: GC, or other work.
import fs from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const file = process.env.BENCH_STALL_FILE;
if (file) {
  const TICK_MS = 2;
  const STALL_MS = 10;
  const epoch = (t) => performance.timeOrigin + t;
  const gcs = [];
  const stalls = [];
  const cpu = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ at: epoch(e.startTime), ms: e.duration, kind: e.detail?.kind });
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > STALL_MS) stalls.push({ at: epoch(last), ms: late });
    last = now;
  }, TICK_MS).unref();
  // CPU time by second, so the cost per message can be read off the measured window alone.
  const sample = () => cpu.push({ at: epoch(performance.now()), usage: process.cpuUsage(), rss: process.memoryUsage.rss() });
  sample();
  setInterval(sample, 1000).unref();
  process.on('exit', () => fs.writeFileSync(file, JSON.stringify({ gcs, stalls, cpu })));
}
