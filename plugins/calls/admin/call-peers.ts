import { computed, signal } from '@angular/core';
import { CallPeer, inboundBytes, isPolite } from '../browser/call-peer';
import type { CallJoin, CallLeg, CallSignal } from '../shared/calls.protocol';

export interface RemoteLeg {
  leg: CallLeg;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
}

/** One leg's figures: a new device waits for the visitor's sound before the old one leaves (D3). */
export interface LegStats {
  legId: string;
  side: CallLeg['side'];
  state: RTCPeerConnectionState;
  audioBytesIn: number;
  videoBytesIn: number;
}

/**
 * The peer connections of this leg to every other leg of one call (browser/call-peer.ts, polite
 * by leg ids), following `call.legs`: a new leg gets a connection with this leg's tracks on it, a
 * gone leg's connection closes. A signal from a leg not announced yet (its `call.legs` is still on
 * the way) opens its connection at once, so no offer is lost.
 */
export class CallPeers {
  private readonly peers = new Map<string, CallPeer>();
  private readonly tracks = new Map<'audio' | 'video', MediaStreamTrack | null>();
  private stream: MediaStream | null = null;
  private readonly legs = signal<readonly CallLeg[]>([]);
  /** Kept apart from the legs: a stream may come before the leg's `call.legs`. */
  private readonly streams = signal<ReadonlyMap<string, MediaStream>>(new Map());
  private readonly states = signal<ReadonlyMap<string, RTCPeerConnectionState>>(new Map());
  /** The other legs, with their media and connection state, in join order. */
  readonly remotes = computed<readonly RemoteLeg[]>(() =>
    this.legs().map((leg) => ({ leg, stream: this.streams().get(leg.id) ?? null, state: this.states().get(leg.id) ?? 'new' })),
  );
  /** The worst state of the connections: what the window shows. */
  readonly state = computed<RTCPeerConnectionState | 'waiting'>(() => {
    const states = this.remotes().map((r) => r.state);
    if (!states.length) return 'waiting';
    for (const s of ['failed', 'disconnected', 'new', 'connecting'] as const) if (states.includes(s)) return s;
    return 'connected';
  });

  /** `legs`: the call's legs now (the join's own, or a newer list told while its ack was on the way). */
  constructor(
    private readonly join: CallJoin,
    private readonly send: (to: string, signal: CallSignal) => void,
    legs: readonly CallLeg[] = join.legs,
  ) {
    this.setLegs(legs);
  }

  get ownLegId(): string {
    return this.join.legId;
  }

  /** The tracks this leg sends, on every connection (replaced in place where one is sent already). */
  setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null, stream: MediaStream): void {
    this.tracks.set(kind, track);
    this.stream = stream;
    for (const peer of this.peers.values()) void peer.setTrack(kind, track, stream).catch(() => undefined);
  }

  setLegs(legs: readonly CallLeg[]): void {
    const others = legs.filter((l) => l.id !== this.join.legId);
    for (const [id, peer] of this.peers) {
      if (!others.some((l) => l.id === id)) {
        peer.close();
        this.peers.delete(id);
      }
    }
    for (const leg of others) this.peerFor(leg.id);
    this.legs.set(others);
  }

  receive(from: string, signal: CallSignal): void {
    void this.peerFor(from).receive(signal).catch(() => undefined);
  }

  async stats(): Promise<LegStats[]> {
    return Promise.all(
      this.remotes().map(async ({ leg }) => {
        const pc = this.peerFor(leg.id).pc;
        return { legId: leg.id, side: leg.side, state: pc.connectionState, audioBytesIn: await inboundBytes(pc, 'audio'), videoBytesIn: await inboundBytes(pc, 'video') };
      }),
    );
  }

  close(): void {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.legs.set([]);
  }

  private peerFor(legId: string): CallPeer {
    let peer = this.peers.get(legId);
    if (peer) return peer;
    peer = new CallPeer({
      iceServers: this.join.iceServers,
      iceTransportPolicy: this.join.iceTransportPolicy,
      polite: isPolite(this.join.legId, legId),
      send: (signal) => this.send(legId, signal),
      onStream: (stream) => this.streams.update((m) => new Map(m).set(legId, stream)),
      onState: (state) => this.states.update((m) => new Map(m).set(legId, state)),
    });
    this.peers.set(legId, peer);
    for (const [kind, track] of this.tracks) if (track && this.stream) void peer.setTrack(kind, track, this.stream).catch(() => undefined);
    return peer;
  }
}
