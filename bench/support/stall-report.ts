import fs from 'node:fs';
import path from 'node:path';

/** What `stall-probe.mjs` wrote: times are wall-clock milliseconds. */
interface ProbeFile {
  gcs: { at: number; ms: number; kind: number }[];
  stalls: { at: number; ms: number }[];
  cpu: { at: number; usage: { user: number; system: number }; rss: number }[];
}

export interface ServerStalls {
  /** Event-loop stalls over 10 ms in the window: how many, their total and the longest. */
  stalls: number;
  stalledMs: number;
  longestMs: number;
  /** Of those, the ones a garbage collection over 2 ms overlapped. */
  withGc: number;
  /** Collections in the window: how many, their total and the longest pause. */
  gcs: number;
  gcMs: number;
  longestGcMs: number;
  /** The process's CPU time (user + system) over the window, per second. */
  cpuPerSecondMs: number;
  /** Resident memory growth from before the load's sockets opened to the end of the window. */
  rssGrowth: number;
}

/** The probe's arguments for a server process: preload it and name its file. */
export function stallProbe(dir: string, name: string): { nodeArgs: string[]; env: Record<string, string>; file: string } {
  const file = path.join(dir, `${name}.stalls.json`);
  return { nodeArgs: ['--import', path.join(import.meta.dirname, 'stall-probe.mjs')], env: { BENCH_STALL_FILE: file }, file };
}

/** Reads a stopped process's probe file and sums what fell inside the window. */
export function readStalls(file: string, window: { from: number; to: number }, loadStartedAt: number): ServerStalls {
  const probe = JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeFile;
  const inside = (at: number) => at >= window.from && at < window.to;
  const stalls = probe.stalls.filter((s) => inside(s.at));
  const gcs = probe.gcs.filter((g) => inside(g.at));
  const overlaps = (s: { at: number; ms: number }) => gcs.some((g) => g.ms > 2 && g.at < s.at + s.ms + 2 && g.at + g.ms > s.at);
  const cpu = probe.cpu.filter((c) => inside(c.at));
  const first = cpu[0];
  const last = cpu[cpu.length - 1];
  const cpuMs = first && last && last !== first ? (last.usage.user + last.usage.system - first.usage.user - first.usage.system) / 1000 : NaN;
  const seconds = first && last ? (last.at - first.at) / 1000 : NaN;
  return {
    stalls: stalls.length,
    stalledMs: stalls.reduce((sum, s) => sum + s.ms, 0),
    longestMs: Math.max(0, ...stalls.map((s) => s.ms)),
    withGc: stalls.filter(overlaps).length,
    gcs: gcs.length,
    gcMs: gcs.reduce((sum, g) => sum + g.ms, 0),
    longestGcMs: Math.max(0, ...gcs.map((g) => g.ms)),
    cpuPerSecondMs: cpuMs / seconds,
    rssGrowth: (last?.rss ?? NaN) - (probe.cpu.filter((c) => c.at < loadStartedAt).pop()?.rss ?? NaN),
  };
}
