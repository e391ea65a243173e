import { Manager, type Socket } from 'socket.io-client';
import { CallPeer, isPolite } from '../../plugins/calls/browser/call-peer.js';
import type { CallDto, CallJoin, CallLeg, LegMedia } from '../../plugins/calls/shared/calls.protocol.js';

/**
 * An operator's side of a call in a browser page on the core's origin, for the widget's e2e while
 * the panel's call window is built elsewhere: the real `browser/call-peer.ts` over a socket.io
 * client with the operator's token, one CallPeer per visitor leg, fake media devices. Bundled by
 * calls.ts and driven with `page.evaluate(() => window.callOperator…)`.
 */
type Signal = { callId: string; from: string; to: string; signal: never };
type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

class CallOperator {
  readonly rings: CallDto[] = [];
  readonly updates: CallDto[] = [];
  readonly screenAnswers: boolean[] = [];
  legs: CallLeg[] = [];
  join: CallJoin | null = null;
  private readonly peers = new Map<string, CallPeer>();
  private early: Signal[] = [];
  /** Signals sent and received, and the server's refusals of ours: a failing test's report. */
  private readonly signals = { sent: 0, received: 0 };
  private readonly refused: string[] = [];
  private earlyLegs: { legs: CallLeg[]; seq: number } | null = null;
  /** The newest leg list's number (`call.legs`' seq): an older list that comes later is dropped. */
  private legsSeq = -1;
  /** The call this side is joining (accept or join asked, no ack yet). */
  private joining: string | null = null;
  private readonly local = new MediaStream();
  private readonly calls: Socket;
  private readonly chat: Socket;

  constructor(base: string, token: string) {
    const manager = new Manager(base, { transports: ['websocket'] });
    this.calls = manager.socket('/calls', { auth: { token } });
    this.chat = manager.socket('/chat', { auth: { token } });
    this.calls.on('call.ringing', (c: CallDto) => this.rings.push(c));
    this.calls.on('call.updated', (c: CallDto) => this.updates.push(c));
    this.calls.on('call.screen.answered', (p: { allow: boolean }) => this.screenAnswers.push(p.allow));
    this.calls.on('call.legs', (p: { callId: string; legs: CallLeg[]; seq: number }) => {
      if (p.callId === this.join?.call.id) {
        if (p.seq <= this.legsSeq) return;
        this.legsSeq = p.seq;
        this.setLegs(p.legs);
      }
      // Told before the join's ack (a leg joined after ours): the newest list wins.
      else if (!this.join && p.callId === this.joining && p.seq > (this.earlyLegs?.seq ?? -1)) this.earlyLegs = { legs: p.legs, seq: p.seq };
    });
    this.calls.on('call.signal', (p: Signal) => {
      this.signals.received++;
      // A signal may come before the join's ack names this leg (the other side heard `call.legs` first).
      if (!this.join && p.callId === this.joining) this.early.push(p);
      else if (this.join && p.to === this.join.legId) this.deliver(p);
    });
  }

  async ready(): Promise<void> {
    for (const s of [this.calls, this.chat]) if (!s.connected) await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    await this.ask(this.chat, 'operator.status', { status: 'online' });
  }

  /** Offline again, so later specs find nobody online. */
  async offline(): Promise<void> {
    await this.ask(this.chat, 'operator.status', { status: 'offline' });
  }

  /** The visitor's dialog (opened if needed): what D1 calls from. */
  async dialogOf(visitorId: string): Promise<string> {
    return (await this.ask<{ id: string }>(this.chat, 'dialog.start', { visitorId })).id;
  }

  async start(dialogId: string, video = false): Promise<CallDto> {
    await this.mic();
    return this.ask<CallDto>(this.calls, 'call.start', { dialogId, video });
  }

  async accept(callId: string): Promise<void> {
    await this.mic();
    this.joining = callId;
    this.joined(await this.ask<CallJoin>(this.calls, 'call.accept', { callId }));
  }

  /** The caller's own leg, once the visitor answered. */
  async enter(callId: string): Promise<void> {
    this.joining = callId;
    this.joined(await this.ask<CallJoin>(this.calls, 'call.join', { callId }));
  }

  async decline(callId: string): Promise<void> {
    await this.ask(this.calls, 'call.decline', { callId });
  }

  async hangup(callId: string): Promise<void> {
    await this.ask(this.calls, 'call.hangup', { callId });
    this.close();
  }

  async askScreen(): Promise<void> {
    await this.ask(this.calls, 'call.screen.ask', { callId: this.join!.call.id });
  }

  async camera(): Promise<void> {
    const got = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const track = got.getVideoTracks()[0]!;
    this.local.addTrack(track);
    for (const peer of this.peers.values()) await peer.setTrack('video', track, this.local);
    await this.media({ audio: true, video: true, screen: false });
  }

  /** What this side holds, for a failing test's report. */
  state(): string {
    const peers = [...this.peers].map(([id, p]) => ({
      id,
      connection: p.pc.connectionState,
      signaling: p.pc.signalingState,
      ice: p.pc.iceConnectionState,
      descriptions: [!!p.pc.localDescription, !!p.pc.remoteDescription],
      sending: p.pc.getSenders().map((x) => x.track?.readyState ?? null),
    }));
    return JSON.stringify({ join: this.join && { call: this.join.call.id, leg: this.join.legId }, legs: this.legs.map((l) => `${l.side}:${l.id}`), peers, signals: this.signals, refused: this.refused });
  }

  visitorMedia(): LegMedia | null {
    return this.legs.find((l) => l.side === 'visitor')?.media ?? null;
  }

  private async media(media: LegMedia): Promise<void> {
    await this.ask(this.calls, 'call.media', { callId: this.join!.call.id, legId: this.join!.legId, media });
  }

  private async mic(): Promise<void> {
    if (this.local.getAudioTracks().length) return;
    const got = await navigator.mediaDevices.getUserMedia({ audio: true });
    this.local.addTrack(got.getAudioTracks()[0]!);
  }

  private joined(j: CallJoin): void {
    const newer = this.earlyLegs && this.earlyLegs.seq > j.legsSeq ? this.earlyLegs : null;
    const early = this.early;
    this.close();
    this.join = j;
    this.joining = null;
    this.legsSeq = newer?.seq ?? j.legsSeq;
    this.setLegs(newer?.legs ?? j.legs);
    for (const p of early) if (p.to === j.legId) this.deliver(p);
    void this.media({ audio: true, video: false, screen: false });
  }

  /** A signal from a leg no list named yet (joins racing on the server) still finds its peer: the visitor's, as only they signal here. */
  private deliver(p: Signal): void {
    if (!this.peers.has(p.from)) this.connect(p.from);
    void this.peers.get(p.from)!.receive(p.signal);
  }

  private setLegs(legs: CallLeg[]): void {
    this.legs = legs;
    for (const leg of legs) if (leg.side === 'visitor' && !this.peers.has(leg.id)) this.connect(leg.id);
    // A leg no longer listed goes if the lists still lack it a moment later: the server may send a
    // list computed before a join after the join's own (two changes racing).
    for (const id of this.peers.keys()) {
      if (legs.some((l) => l.id === id)) continue;
      setTimeout(() => {
        if (this.legs.some((l) => l.id === id)) return;
        this.peers.get(id)?.close();
        this.peers.delete(id);
      }, 3000);
    }
  }

  private connect(legId: string): void {
    const { legId: own, call, iceServers, iceTransportPolicy } = this.join!;
    const peer = new CallPeer({
      iceServers,
      iceTransportPolicy,
      polite: isPolite(own, legId),
      send: (signal) => {
        this.signals.sent++;
        this.calls.emit('call.signal', { callId: call.id, from: own, to: legId, signal }, (ack: Ack<null>) => void (ack.ok || this.refused.push(ack.error.code)));
      },
      onStream: () => undefined,
    });
    for (const track of this.local.getTracks()) void peer.setTrack(track.kind as 'audio' | 'video', track, this.local);
    this.peers.set(legId, peer);
  }

  private close(): void {
    this.join = null;
    this.early = [];
    this.earlyLegs = null;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
  }

  private ask<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      socket.timeout(10_000).emit(event, payload, (err: Error | null, ack: Ack<T>) => {
        if (err) reject(err);
        else if (!ack.ok) reject(new Error(`${event}: ${ack.error.code} ${ack.error.message}`));
        else resolve(ack.data);
      }),
    );
  }
}

declare global {
  interface Window {
    callOperator?: CallOperator;
    connectOperator(base: string, token: string): Promise<void>;
  }
}

window.connectOperator = async (base, token) => {
  window.callOperator = new CallOperator(base, token);
  await window.callOperator.ready();
};
