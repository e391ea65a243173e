import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 250;

/**
 * The worker's code, plain CommonJS so it runs the same from the TypeScript sources (tsx, vitest)
 * and from the compiled build. A PASSIVE checkpoint never waits for nor blocks the writer.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Lets the worker finish its checkpoint and close its connection. */
  stop(): void;
}

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread with a connection of its own. Left to
 * SQLite, the checkpoint runs inside whichever commit crosses the threshold: copying pages and
 * syncing the file held that commit, and every write queued behind it, for tens of milliseconds.
 * The caller keeps SQLite's own checkpoint at a high threshold as a safety net, and turns it back
 * to normal through `onFailure` if the worker dies.
 */
export function startWalCheckpointer(file: string, onFailure: (err: Error) => void): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, { eval: true, execArgv: [], workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.on('error', onFailure);
  // A checkpointer never keeps the process alive.
  worker.unref();
  return { stop: () => worker.postMessage('stop') };
}
