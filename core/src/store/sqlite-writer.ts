import { Worker } from 'node:worker_threads';
import type { WriterError, WriterReply, WriterRequest, WriterResult, WriterStatement } from './sqlite-writer.protocol.js';

/** Statements committed together at most: a batch's acknowledgements wait for its last statement. */
const MAX_BATCH = 256;

interface Waiting {
  statement: WriterStatement;
  resolve: (result: WriterResult) => void;
  reject: (error: Error) => void;
}

/**
 * The event loop's side of the SQLite writer thread (`sqlite-writer.thread.ts`), which owns the
 * only connection. Statements outside a transaction queue here and go over in batches: idle, a
 * statement goes at once; while a batch runs, the next ones wait and go together (group commit,
 * no timer). A transaction takes the connection for itself: it is granted when no batch is in
 * flight, the queue waits meanwhile, and batches and transactions take turns.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly replies = new Map<number, { resolve: (results: WriterResult[]) => void; reject: (error: Error) => void }>();
  private readonly queue: Waiting[] = [];
  private readonly transactions: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly idle: (() => void)[] = [];
  private nextId = 1;
  private batchInFlight = false;
  private held = false;
  private stopped: Error | undefined;

  constructor(file: string, pragmas: string[]) {
    this.worker = startThread({ file, pragmas });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (reply: WriterReply) => {
        // Like a socket, the thread keeps the process alive only while an answer is awaited.
        if ('ready' in reply) {
          if (!this.replies.size) this.worker.unref();
          return resolve();
        }
        if ('failed' in reply) return reject(toError(reply.failed));
        const settle = this.replies.get(reply.id);
        this.replies.delete(reply.id);
        if (!this.replies.size) this.worker.unref();
        settle?.resolve(reply.results);
      });
      this.worker.on('error', (err) => {
        reject(err);
        this.stop(err);
      });
      this.worker.on('exit', () => {
        const err = new Error('The SQLite writer thread has stopped');
        reject(err);
        this.stop(err);
      });
    });
    // A rejection nobody awaits yet (no query so far) must not end the process.
    this.ready.catch(() => undefined);
  }

  /** Resolves once the database is open; rejects with the reason it could not be. */
  opened(): Promise<void> {
    return this.ready;
  }

  /** An autocommit statement: queued, committed with whatever else goes in its batch. */
  run(statement: WriterStatement): Promise<WriterResult> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.queue.push({ statement, resolve, reject });
      this.pump();
    });
  }

  /** Waits until the connection is this transaction's alone; `release` when it has ended. */
  hold(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.transactions.push({ resolve, reject });
      this.pump();
    });
  }

  /** A statement of the transaction that holds the connection. */
  async runHeld(statement: WriterStatement): Promise<WriterResult> {
    const [result] = await this.request({ statements: [statement], grouped: false });
    return result!;
  }

  release(): void {
    this.held = false;
    this.pump(true);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    if (this.stopped) return;
    // What was asked before the close still runs.
    if (this.batchInFlight || this.held || this.queue.length || this.transactions.length) await new Promise<void>((resolve) => this.idle.push(resolve));
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    await this.request({ close: true });
    // The caller goes on once the thread is gone: until then it must keep the process alive.
    this.worker.ref();
    await exited;
  }

  private request(body: Omit<Extract<WriterRequest, { statements: unknown }>, 'id'> | { close: true }): Promise<WriterResult[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.replies.size) this.worker.ref();
      this.replies.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...body } as WriterRequest);
    });
  }

  /** Starts the next batch or grants the next transaction; after a transaction, a batch goes first. */
  private pump(batchFirst = false): void {
    if (this.batchInFlight || this.held || this.stopped) return;
    if (this.transactions.length && !(batchFirst && this.queue.length)) {
      this.held = true;
      this.transactions.shift()!.resolve();
      return;
    }
    if (!this.queue.length) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    const batch = this.queue.splice(0, MAX_BATCH);
    this.batchInFlight = true;
    void this.ready
      .then(() => this.request({ statements: batch.map((w) => w.statement), grouped: true }))
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
        (err: Error) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.batchInFlight = false;
        this.pump();
      });
  }

  private stop(err: Error): void {
    if (this.stopped) return;
    this.stopped = err;
    for (const w of this.queue.splice(0)) w.reject(err);
    for (const t of this.transactions.splice(0)) t.reject(err);
    for (const resolve of this.idle.splice(0)) resolve();
    for (const settle of this.replies.values()) settle.reject(err);
    this.replies.clear();
  }
}

/**
 * The thread runs the compiled `sqlite-writer.thread.js` beside this file; from the TypeScript
 * sources (tsx, vitest) it first registers tsx in the thread, as `--import tsx` in a worker's
 * execArgv does not apply to its entry module on Node 20.
 */
function startThread(workerData: { file: string; pragmas: string[] }): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./sqlite-writer.thread.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData, execArgv: [] });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}

export function toError(described: WriterError): Error {
  return Object.assign(new Error(described.message), { name: described.name, ...(described.code ? { code: described.code } : {}) });
}
