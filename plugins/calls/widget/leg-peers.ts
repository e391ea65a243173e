import type { CallLeg } from '../shared/calls.protocol.js';

/** What the set needs of a connection to another leg (a CallPeer with its media element, or a test's fake). */
export interface LegLink {
  /** Media flows (the connection is up). */
  connected(): boolean;
  close(): void;
}

/** How long a gone leg's connection may keep playing while the one replacing it has not connected. */
export const HOLD_MS = 10_000;

interface Entry<L> {
  leg: CallLeg;
  link: L;
  /** The server no longer lists the leg; it plays on until the others flow (make before break). */
  leaving: boolean;
}

/**
 * The visitor's connections to the other legs of a call: one per leg not the visitor's (the
 * operator's panel, their phone after a hand-over, an invited operator, a guest by link: D4), made
 * as `call.legs` lists them.
 *
 * A hand-over is a new leg joining and the old one leaving; the visitor must not hear a gap, so a
 * leg that leaves keeps its connection (and its sound) until every remaining leg's media flows, or
 * HOLD_MS at the most — make before break on the visitor's side too, whatever order the server's
 * lists come in; with no other leg it is held for HOLD_MS as well (the call's end, `call.updated`,
 * closes everything at once anyway). Other visitor legs (another tab of the same visitor, the previous page not gone
 * yet) get no connection: the visitor does not call themselves.
 */
export class LegPeers<L extends LegLink> {
  private readonly entries = new Map<string, Entry<L>>();
  private hold: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly own: string,
    private readonly make: (leg: CallLeg) => L,
    private readonly changed: () => void,
  ) {}

  /** The number of the newest list applied (`call.legs`' seq, a CallJoin's legsSeq). */
  private seq = -1;

  /**
   * The server's list of the call's legs now, numbered `seq`: a list numbered no higher than one
   * already applied is older (two tellings crossed on the way) and is dropped — it could name gone a
   * leg that is there. Answers whether it was applied.
   */
  update(legs: readonly CallLeg[], seq: number): boolean {
    if (seq <= this.seq) return false;
    this.seq = seq;
    const listed = new Set<string>();
    for (const leg of legs) {
      if (leg.id === this.own || leg.side === 'visitor') continue;
      listed.add(leg.id);
      const entry = this.entries.get(leg.id);
      if (entry) Object.assign(entry, { leg, leaving: false });
      else this.entries.set(leg.id, { leg, link: this.make(leg), leaving: false });
    }
    for (const [id, entry] of this.entries) if (!listed.has(id)) entry.leaving = true;
    this.settle();
    this.changed();
    return true;
  }

  /**
   * A leg that signals before any list names it (two joins racing on the server can leave the
   * last list a client hears one leg short): the signal proves it is in the call, so it gets its
   * connection; the next list corrects who it is and what it sends.
   */
  adopt(legId: string): L {
    const known = this.entries.get(legId);
    if (known) return known.link;
    const leg: CallLeg = { id: legId, side: 'operator', userId: null, name: null, media: { audio: true, video: false, screen: false } };
    const entry = { leg, link: this.make(leg), leaving: false };
    this.entries.set(legId, entry);
    this.changed();
    return entry.link;
  }

  /** The link to a listed (or still leaving) leg: where its signals go. */
  get(legId: string): L | undefined {
    return this.entries.get(legId)?.link;
  }

  /** Call on every connection state change: a leaving leg goes once the others flow. */
  settle(): void {
    const leaving = [...this.entries].filter(([, e]) => e.leaving);
    if (!leaving.length) return this.clearHold();
    const staying = [...this.entries.values()].filter((e) => !e.leaving);
    // With nobody staying, the leg is held too: a panel reloading comes back as a new leg, and a
    // list the server computed before a join (two changes racing) may name a leg gone that is not.
    if (staying.length && staying.every((e) => e.link.connected())) {
      for (const [id, e] of leaving) this.drop(id, e);
      this.clearHold();
      this.changed();
      return;
    }
    this.hold ??= setTimeout(() => {
      this.hold = undefined;
      for (const [id, e] of this.entries) if (e.leaving) this.drop(id, e);
      this.changed();
    }, HOLD_MS);
  }

  /**
   * The leg whose picture and state the visitor sees: the first listed leg whose media flows, else
   * a leaving one still playing, else any (connecting).
   */
  main(): { leg: CallLeg; link: L } | null {
    const all = [...this.entries.values()];
    return all.find((e) => !e.leaving && e.link.connected()) ?? all.find((e) => e.leaving) ?? all[0] ?? null;
  }

  /** Who the visitor talks with (D4: an invited operator, a guest), each name once (a hand-over's two legs are one person). */
  names(): string[] {
    return [...new Set([...this.entries.values()].filter((e) => !e.leaving && e.leg.name).map((e) => e.leg.name!))];
  }

  links(): L[] {
    return [...this.entries.values()].map((e) => e.link);
  }

  close(): void {
    this.clearHold();
    for (const [id, e] of this.entries) this.drop(id, e);
  }

  private clearHold(): void {
    clearTimeout(this.hold);
    this.hold = undefined;
  }

  private drop(id: string, e: Entry<L>): void {
    this.entries.delete(id);
    e.link.close();
  }
}
