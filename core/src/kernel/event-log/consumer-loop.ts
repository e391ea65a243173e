import type { Logger } from '../../logging/logger.js';
import type { EventName } from '../events.js';
import type { ConsumerLeases } from './consumer-leases.js';
import type { EventLogStore } from './event-log.store.js';
import type { EventLogEntry } from './event-log.types.js';
import { WakeSignal } from './wake-signal.js';

/** How a consumer paces itself; tests of the lease logic may shorten them. */
export interface ConsumerTiming {
  /** How long a lease lasts without renewal: how soon a standby takes over from a dead process. */
  leaseMs: number;
  /** How often an idle consumer looks for other processes' records, and a standby for the lease. */
  pollMs: number;
  /** The first retry's delay after a failure; doubled each time up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_TIMING: ConsumerTiming = { leaseMs: 10_000, pollMs: 1_000, backoffMs: 250, maxBackoffMs: 30_000 };

export interface ConsumerSpec {
  id: string;
  events: readonly EventName[];
  batchSize: number;
  handle(entries: EventLogEntry[]): Promise<void>;
}

/**
 * Runs one consumer in this process: while it holds the lease, reads the entries after its
 * position, hands them to `handle`, and stores the new position only after that resolved (at
 * least once); otherwise it stands by and tries for the lease every poll.
 */
export class ConsumerLoop {
  private readonly wake = new WakeSignal();
  private readonly stopped: Promise<void>;
  private signalStop!: () => void;
  private stopping = false;
  private running: Promise<void> | undefined;
  /** Set while this process holds the lease: when it was last extended. */
  private lease: { renewedAt: number } | undefined;
  private position = 0;
  private failures = 0;

  constructor(
    private readonly spec: ConsumerSpec,
    private readonly owner: string,
    private readonly store: EventLogStore,
    private readonly leases: ConsumerLeases,
    private readonly logger: Logger,
    private readonly timing: ConsumerTiming,
  ) {
    this.stopped = new Promise((resolve) => (this.signalStop = resolve));
  }

  get id(): string {
    return this.spec.id;
  }

  get events(): readonly EventName[] {
    return this.spec.events;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** A record of one of its events committed in this process. */
  notify(): void {
    this.wake.notify();
  }

  /** Lets a batch being handled finish (and be acknowledged), then gives the lease up. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.running;
    if (!this.lease) return;
    this.lease = undefined;
    await this.leases.release(this.spec.id, this.owner, Date.now()).catch((err: unknown) => this.logger.warn({ err, consumer: this.spec.id }, 'could not release the event consumer lease'));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step();
      } catch (err) {
        this.failures++;
        const delay = Math.min(this.timing.backoffMs * 2 ** (this.failures - 1), this.timing.maxBackoffMs);
        this.logger.error({ err, consumer: this.spec.id, attempt: this.failures, retryInMs: delay }, 'event consumer failed; the same entries come again');
        await this.pause(delay);
      }
    }
  }

  private async step(): Promise<void> {
    if (!(await this.holdLease())) return this.idle();
    this.wake.reset();
    const { entries, upTo } = await this.store.read(this.position, this.spec.events, this.spec.batchSize);
    if (entries.length) {
      await this.deliver(entries);
      this.failures = 0;
    }
    if (upTo > this.position) await this.acknowledge(upTo);
    // A full batch: more may follow at once.
    if (entries.length < this.spec.batchSize) await this.idle();
  }

  /** Stores the position reached, unless the lease was lost meanwhile. */
  private async acknowledge(upTo: number): Promise<void> {
    const now = Date.now();
    if (await this.leases.advance(this.spec.id, this.owner, upTo, now, this.timing.leaseMs)) {
      this.position = upTo;
      this.lease = { renewedAt: now };
      return;
    }
    this.lease = undefined;
    this.logger.warn({ consumer: this.spec.id, position: upTo }, 'event consumer lost its lease before acknowledging; its new holder reads these entries again');
  }

  /** True while this process holds the lease, renewing it when a third of it has passed. */
  private async holdLease(): Promise<boolean> {
    const now = Date.now();
    if (this.lease) {
      if (now - this.lease.renewedAt < this.timing.leaseMs / 3) return true;
      if (await this.renew(now)) return true;
    }
    const position = await this.leases.acquire(this.spec.id, this.owner, now, this.timing.leaseMs);
    if (position === undefined) return false;
    this.position = position;
    this.lease = { renewedAt: now };
    this.logger.info({ consumer: this.spec.id, position }, 'event consumer reading');
    return true;
  }

  private async renew(now: number): Promise<boolean> {
    if (await this.leases.renew(this.spec.id, this.owner, now, this.timing.leaseMs)) {
      this.lease = { renewedAt: now };
      return true;
    }
    if (this.lease) this.logger.warn({ consumer: this.spec.id }, 'event consumer lease lost');
    this.lease = undefined;
    return false;
  }

  /** Hands a batch over, keeping the lease alive however long the handler takes. */
  private async deliver(entries: EventLogEntry[]): Promise<void> {
    const heartbeat = setInterval(() => {
      this.renew(Date.now()).catch((err: unknown) => this.logger.warn({ err, consumer: this.spec.id }, 'could not renew the event consumer lease'));
    }, this.timing.leaseMs / 3);
    heartbeat.unref();
    try {
      await this.spec.handle(entries);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private idle(): Promise<void> {
    return Promise.race([this.wake.wait(this.timing.pollMs), this.stopped]);
  }

  private pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slept = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms).unref()));
    return Promise.race([slept, this.stopped]).finally(() => clearTimeout(timer));
  }
}
