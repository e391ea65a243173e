import { z } from 'zod';

/** The plugin's options (plugins.config.ts); docs/cobrowse.md explains each. */
export const cobrowseOptions = z.object({
  // A page load drops the tab's connection for a moment: the session waits this long for the
  // visitor's next page before it ends as «the visitor left».
  leaveGraceMs: z.number().int().min(0).max(120_000).default(5000),
  // One batch of events, uncompressed (a full snapshot of a large page is the biggest): past it refused.
  maxBatchBytes: z.number().int().min(1024).max(32 * 1024 * 1024).default(4 * 1024 * 1024),
  // What the server keeps of a session (the last full snapshot and the events since) for a late
  // operator; past it dropped, and the visitor's tab is asked for a fresh snapshot.
  maxBufferBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(8 * 1024 * 1024),
  // Batch parts a visitor may send a minute (the widget sends about four batches a second).
  partsPerMinute: z.number().int().min(10).max(100_000).default(1200),
  // Observations an operator may start a minute.
  startsPerMinute: z.number().int().min(1).max(1000).default(20),
});
export type CobrowseOptions = z.output<typeof cobrowseOptions>;
