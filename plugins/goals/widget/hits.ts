import type { Socket } from 'socket.io-client';
import type { GoalHitInput, GoalsToVisitor } from '../shared/goals.protocol.js';

/** The server's answer to `goal.hit` (the core's `Ack`): ok, or refused with a code. */
type HitAck = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
export interface GoalsToServer {
  'goal.hit': (hit: GoalHitInput, ack: (r: HitAck) => void) => void;
}

const ACK_TIMEOUT_MS = 10_000;
/** Waits before each next try of an unanswered hit; the last one repeats. */
const RETRY_MS = [1_000, 5_000, 15_000, 60_000];

/** Where a visit keeps the goals it reached; null where storage is blocked (then: once per page). */
function visitStore(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

export type GoalsSocket = Socket<GoalsToVisitor, GoalsToServer>;

/**
 * G1: sends each reached goal once per visit (the tab's session), over `/goals` on the visitor's
 * one connection (opened at mount, see index.ts). An unanswered hit is sent again until the server
 * answers; an answer — stored, already reached (null), or refused — ends it. Ids are kept as
 * text lines, not JSON: a page's `Array.prototype.toJSON` cannot garble them.
 */
export class Hits {
  private readonly store = visitStore();
  /** Reached on this page or acknowledged earlier in the visit. */
  private readonly seen: Set<string>;
  private readonly waiting = new Map<string, { hit: GoalHitInput; tries: number }>();

  constructor(
    private readonly key: string,
    private readonly socket: GoalsSocket,
    /** Aborted when the plugin is switched off: nothing more is sent, not even a retry under way. */
    private readonly stopped?: AbortSignal,
  ) {
    this.seen = new Set(this.read());
    // Sent on every (re)connection: what was waiting goes out again.
    socket.on('connect', () => this.waiting.forEach((_, id) => this.send(id)));
  }

  reach(hit: GoalHitInput): void {
    if (this.seen.has(hit.goalId)) return;
    this.seen.add(hit.goalId);
    this.waiting.set(hit.goalId, { hit, tries: 0 });
    this.send(hit.goalId);
  }

  private send(id: string): void {
    const entry = this.waiting.get(id);
    if (!entry || !this.socket.connected || this.stopped?.aborted) return;
    this.socket.timeout(ACK_TIMEOUT_MS).emit('goal.hit', entry.hit, (err: Error | null, ack?: HitAck) => {
      if (err || !ack) {
        const wait = RETRY_MS[Math.min(entry.tries++, RETRY_MS.length - 1)];
        setTimeout(() => this.send(id), wait);
        return;
      }
      this.waiting.delete(id);
      if (ack.ok) this.write(id);
      else console.warn('Callpy goals:', ack.error.message);
    });
  }

  private read(): string[] {
    try {
      return (this.store?.getItem(this.key) ?? '').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  private write(id: string): void {
    try {
      this.store?.setItem(this.key, [...new Set([...this.read(), id])].join('\n'));
    } catch {
      /* storage blocked or full: the goal may count again on the next page; the server keeps it once per visit */
    }
  }
}
