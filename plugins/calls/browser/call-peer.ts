import type { CallSignal, IceServer } from '../shared/calls.protocol.js';

/**
 * One RTCPeerConnection between this leg and another leg of a call, negotiated by "perfect
 * negotiation" (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): either side may
 * add or change tracks at any time and send an offer; on a collision the polite side rolls back
 * and answers, the impolite side ignores the other's offer. Which side is polite is decided by the
 * two leg ids (`isPolite`), so both agree without a message. Used by the widget's call UI and the
 * panel's call window alike.
 */
export interface CallPeerOptions {
  iceServers: IceServer[];
  iceTransportPolicy: 'all' | 'relay';
  polite: boolean;
  /** Hands a negotiation message to the signalling channel (`call.signal` to the other leg). */
  send: (signal: CallSignal) => void;
  /** The other leg's media, once per new stream. */
  onStream: (stream: MediaStream) => void;
  /** The connection's state (`connected`, `failed`, …) for the UI. */
  onState?: (state: RTCPeerConnectionState) => void;
  /** How long the polite side waits for the other's first offer (FIRST_OFFER_WAIT_MS; a test measures without it). */
  firstOfferWaitMs?: number;
}

/**
 * How long the polite side waits for the other's first offer before it makes its own (a description
 * from the other side ends the wait at once: its answer settles the rest). Kept with the serialised receive() on evidence: two
 * CallPeers in one Chromium page, both adding a microphone track at once, signalling in order with
 * 0–40 ms of jitter — without the wait 1 of 165 pairs never connected (8 s), with it 0 of 165
 * (2026-12-04; the unserialised peer: 1 of 120 without, 0 of 120 with). The queue does not stop
 * Chromium leaving a rolled-back offer's transport without candidates; not colliding does.
 */
const FIRST_OFFER_WAIT_MS = 1500;

export class CallPeer {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private closed = false;
  /** A description came from the other leg at least once. */
  private heard = false;
  /** Ends the polite side's wait for the first offer (see offer()). */
  private onHeard: (() => void) | null = null;
  /** The other leg's messages being applied, in order (see receive). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: CallPeerOptions) {
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers, iceTransportPolicy: options.iceTransportPolicy });
    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      if (!this.closed) options.send({ candidate: candidate ? candidate.toJSON() : null });
    };
    this.pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? new MediaStream([track]);
      options.onStream(stream);
    };
    this.pc.onconnectionstatechange = () => options.onState?.(this.pc.connectionState);
    // A connection that failed (a network change) restarts ICE rather than dropping the call.
    this.pc.oniceconnectionstatechange = () => {
      if (this.pc.iceConnectionState === 'failed') this.pc.restartIce();
    };
  }

  /** Sends `track` (replacing the one of its kind this peer sends, without renegotiating), or stops sending that kind (`null`). */
  async setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null, stream?: MediaStream): Promise<void> {
    const transceiver = this.pc.getTransceivers().find((t) => t.direction !== 'stopped' && (t.sender.track?.kind ?? t.receiver.track.kind) === kind);
    if (!transceiver) {
      if (track) this.pc.addTrack(track, ...(stream ? [stream] : []));
      return;
    }
    await transceiver.sender.replaceTrack(track);
    // A transceiver the other side's offer made (it sent video first) only receives: sending on it
    // takes a direction that sends, and a change of direction starts the renegotiation itself.
    if (track && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) {
      if (stream) transceiver.sender.setStreams(stream);
      transceiver.direction = 'sendrecv';
    }
  }

  /**
   * A negotiation message from the other leg. Messages are applied one after another, in the order
   * they came (one queue a peer): a candidate must not reach `addIceCandidate` while the offer
   * before it is still in `setRemoteDescription`, and two descriptions must not overlap — perfect
   * negotiation's collision test reads the signalling state, which is only meaningful between two
   * messages. The promise settles when this message has been applied (or refused).
   */
  receive(signal: CallSignal): Promise<void> {
    const run = this.queue.then(() => this.apply(signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(signal: CallSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    if ('description' in signal) {
      const description = signal.description;
      this.heard = true;
      this.onHeard?.();
      // An answer is expected while we are have-local-offer, or are about to be (setLocalDescription in flight).
      const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswer);
      const offerCollision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.options.polite && offerCollision;
      if (this.ignoreOffer) return;
      this.settingRemoteAnswer = description.type === 'answer';
      try {
        await pc.setRemoteDescription(description);
      } finally {
        this.settingRemoteAnswer = false;
      }
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        if (pc.localDescription && !this.closed) this.options.send({ description: descriptionOf(pc.localDescription) });
      }
      return;
    }
    try {
      await pc.addIceCandidate(signal.candidate ?? undefined);
    } catch (err) {
      // A candidate of an offer we ignored fails to apply; anything else is real.
      if (!this.ignoreOffer && !this.closed) throw err;
    }
  }

  close(): void {
    this.closed = true;
    this.onHeard?.();
    this.pc.close();
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    // Both legs add their tracks as soon as they know of each other, so both would offer at once.
    // Perfect negotiation resolves that collision, but Chromium does not send again the candidates
    // of the offer the polite side rolls back, and the call can then stay unconnected: so the
    // first offer is the impolite side's, the polite one waits a moment for it. If it came, its
    // answer settles the rest (the browser asks again if more is needed); if not, it offers.
    if (this.options.polite && !this.heard) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.firstOfferWaitMs ?? FIRST_OFFER_WAIT_MS);
        this.onHeard = () => (clearTimeout(timer), resolve());
      });
      this.onHeard = null;
      if (this.closed || this.heard) return;
    }
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      if (this.pc.localDescription) this.options.send({ description: descriptionOf(this.pc.localDescription) });
    } finally {
      this.makingOffer = false;
    }
  }
}

/** Both legs compute the same answer with the roles swapped: exactly one of them is polite. */
export const isPolite = (ownLegId: string, otherLegId: string): boolean => ownLegId < otherLegId;

/** Bytes received so far over the connection's inbound RTP of a kind (tests and the UI's "no sound" hint). */
export async function inboundBytes(pc: RTCPeerConnection, kind: 'audio' | 'video'): Promise<number> {
  let bytes = 0;
  (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === kind) bytes += report.bytesReceived ?? 0;
  });
  return bytes;
}

const descriptionOf = (d: RTCSessionDescription): Extract<CallSignal, { description: unknown }>['description'] => ({ type: d.type, sdp: d.sdp });

