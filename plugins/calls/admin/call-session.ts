import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import { AuthService, type DialogContext } from '../../../admin-ui/src/app/plugin-api';
import type { JitsiCall, JitsiCallState } from '../browser/jitsi-call';
import type { CallDto, CallHandover, CallJoin, CallLeg, CallSignal, CallsToClient, InvitableOperator, JitsiRoom } from '../shared/calls.protocol';
import { CallPeers } from './call-peers';
import { CallRecording } from './call-recording';
import type { CallsRequestError} from './calls-socket';
import { CallsSocket } from './calls-socket';
import { LocalMedia, type DeviceKind } from './local-media';

/**
 * `choose`: the operator pressed «Позвонить» and picks how; `calling`: an operator's call rings in
 * the widget; `joining`: asking for the microphone, accepting or joining; `active`: in the call on
 * this device; `elsewhere`: the call goes on on another device of this operator (the phone after a
 * hand-over), «Вернуть» brings it back; `ended`: over, the window says why for a moment.
 */
export type CallPhase = 'idle' | 'choose' | 'calling' | 'joining' | 'active' | 'elsewhere' | 'ended';

/** A Jitsi call's room on this device, and how its frame starts (what this device had on when it joined). */
export interface JitsiMedia {
  room: JitsiRoom;
  audio: boolean;
  video: boolean;
}

/** How long the window stays to say how the call ended. */
export const ENDED_SHOWN_MS = 4000;
/** How often a new device checks whether the visitor's sound reaches it before the old one leaves (D3). */
const MEDIA_POLL_MS = 250;
const MEDIA_WAIT_MS = 20_000;
/** Signals kept for this leg while its join is on the way: an offer and its candidates, with room to spare. */
const EARLY_MAX = 200;

/**
 * The call on this panel: one at a time, in the plugin's background, so it goes on across the
 * panel's pages (the window is a FLOATING_WINDOWS entry over all of them). It owns the local media
 * (local-media.ts) and the peer connections to the call's other legs (call-peers.ts), and follows
 * the server's `call.updated`, `call.legs` and `call.signal` for its call.
 */
@Injectable()
export class CallSession {
  private readonly socket = inject(CallsSocket);
  private readonly auth = inject(AuthService);
  readonly phase = signal<CallPhase>('idle');
  readonly call = signal<CallDto | null>(null);
  /** The dialog the operator is about to call from (`choose`). */
  readonly dialog = signal<DialogContext | null>(null);
  readonly error = signal<CallsRequestError | Error | null>(null);
  readonly handover = signal<CallHandover | null>(null);
  /** When this panel first saw the call under way (the timer's start if the server's clock runs ahead of this one). */
  readonly activeSince = signal<number | null>(null);
  /** E6: «Попросить показать экран» sent, and what the visitor answered. */
  readonly screenAsk = signal<'asked' | 'allowed' | 'refused' | null>(null);
  /** D4: a guest by link (guest-call.page.ts): takes part, and may not hand over, invite or ask for the screen. */
  readonly guest = signal(false);
  /** D4: the participant link made in this window, and how the last invitation from it ended. */
  readonly guestLink = signal<CallHandover | null>(null);
  readonly inviteEnded = signal<CallsToClient['call.invite.ended'] | null>(null);
  readonly media = new LocalMedia();
  /** D4: this device's recording of the call (the notice everyone sees is the server's `call().recording`). */
  readonly recording = new CallRecording(this.socket, inject(HttpClient), (err) => this.error.set(err));
  /** Recording uploads over the operator's session: a phone holding only a hand-over grant shows the notice, not the button. */
  readonly canRecord = computed(() => this.auth.user() !== null && !this.guest());
  private readonly peersRef = signal<CallPeers | null>(null);
  readonly remotes = computed(() => this.peersRef()?.remotes() ?? []);
  /**
   * Set while a Jitsi call's media go through its room here (CallJoin.jitsi): the window shows
   * Jitsi's frame (jitsi-stage.component.ts), which hands this session the JitsiCall it drives.
   */
  readonly jitsi = signal<JitsiMedia | null>(null);
  private readonly jitsiState = signal<JitsiCallState | null>(null);
  private jitsiCall: JitsiCall | null = null;
  private jitsiLegId: string | null = null;
  /** Jitsi: connected once another participant (the visitor) is in the room. */
  readonly connection = computed<RTCPeerConnectionState | 'waiting'>(() =>
    this.jitsi() ? (this.jitsiState()?.others ? 'connected' : 'connecting') : (this.peersRef()?.state() ?? 'waiting'),
  );
  readonly visitor = computed(() => this.remotes().find((r) => r.leg.side === 'visitor') ?? null);
  /** This leg's operator (null for a guest): their other device (a hand-over's) is not someone to hear. */
  private readonly ownUserId = signal<number | null>(null);
  /** D4: everyone else in the call besides the visitor — an invited operator, the one who answered, a guest — each heard and named. */
  readonly others = computed(() => this.remotes().filter((r) => r.leg.side !== 'visitor' && (r.leg.userId === null || r.leg.userId !== this.ownUserId())));
  private endedTimer: ReturnType<typeof setTimeout> | null = null;
  /** The number of the newest leg list this leg has (`call.legs`' seq, the join's legsSeq): an older one that comes later is dropped. */
  private legsSeq = -1;
  /**
   * While this device's accept or join is on its way: the other legs hear of this leg (`call.legs`)
   * and may offer before the ack names it, and a leg joining just after it is told here first — kept
   * for the ack (joined()).
   */
  private early: { callId: string; signals: { from: string; to: string; signal: CallSignal }[]; legs: { legs: CallLeg[]; seq: number } | null } | null = null;

  constructor() {
    this.socket.on('call.updated', (call) => this.updated(call));
    this.socket.on('call.legs', ({ callId, legs, seq }) => this.legs(callId, legs, seq));
    this.socket.on('call.signal', ({ callId, from, to, signal }) => this.signal(callId, from, to, signal));
    this.socket.on('call.screen.answered', ({ callId, allow }) => this.screenAnswered(callId, allow));
    this.socket.on('call.invite.ended', (ended) => {
      if (this.call()?.id === ended.callId && this.phase() === 'active') this.inviteEnded.set(ended);
    });
    inject(DestroyRef).onDestroy(() => this.reset());
    // The recording hears what the call sounds like now: a leg joining or leaving, a switched microphone.
    effect(() => {
      this.remotes();
      this.media.micId();
      this.recording.follow(this.soundTracks());
    });
  }

  get busy(): boolean {
    return !['idle', 'ended'].includes(this.phase());
  }

  /** «Позвонить» in a dialog's toolbar: the window offers how to call. */
  prepare(dialog: DialogContext): void {
    if (this.busy) return;
    this.reset();
    this.dialog.set(dialog);
    this.phase.set('choose');
  }

  /** D1: «Позвонить с текущего устройства». */
  async callFromHere(video: boolean): Promise<void> {
    const dialog = this.dialog();
    if (!dialog || this.phase() !== 'choose') return;
    await this.attempt(async () => {
      this.phase.set('joining');
      await this.media.open(video);
      this.call.set(await this.socket.request('call.start', { dialogId: dialog.dialogId, video }));
      this.phase.set('calling');
    }, 'choose');
  }

  /** D2: «Принять» in the ringing pop-up. */
  accept(call: CallDto): Promise<void> {
    return this.answer(call, 'call.accept');
  }

  /** D4: «Принять» in an invitation's pop-up: this panel joins the call as a new leg. */
  acceptInvite(call: CallDto): Promise<void> {
    return this.answer(call, 'call.invite.accept');
  }

  /** D4: a guest's page joins the call its link named. */
  joinAsGuest(call: CallDto): Promise<void> {
    return this.answer(call, 'call.join', true);
  }

  /** Into a call from idle: the microphone first, then the way in (`event`); a failure shows the window's end. */
  private async answer(call: CallDto, event: 'call.accept' | 'call.join' | 'call.invite.accept', guest = false): Promise<void> {
    if (this.busy) return;
    this.reset();
    this.guest.set(guest);
    this.call.set(call);
    await this.attempt(async () => {
      this.phase.set('joining');
      await this.media.open(false);
      this.joined(await this.enter(event, call.id));
    }, 'ended');
  }

  /** D4: the operators who may be invited now (online, not in a call). */
  invitable(): Promise<InvitableOperator[]> {
    const call = this.call();
    return call ? this.socket.request('call.invitable', { callId: call.id }) : Promise.resolve([]);
  }

  async invite(userId: number): Promise<void> {
    const call = this.call();
    if (!call) return;
    this.inviteEnded.set(null);
    await this.attempt(() => this.socket.request('call.invite', { callId: call.id, userId }));
  }

  /** D4: «Ссылка для участника»: single use, for this call only. */
  async makeGuestLink(): Promise<void> {
    const call = this.call();
    if (!call) return;
    await this.attempt(async () => this.guestLink.set(await this.socket.request('call.guest.link', { callId: call.id })));
  }

  /** «Вернуть»: this device joins again; the other device of this operator leaves once the visitor is heard here. */
  async joinHere(): Promise<void> {
    const call = this.call();
    if (call && this.phase() === 'elsewhere') await this.takeOver(call, 'elsewhere');
  }

  /** D3 on the phone: the call its QR code named, accepted if it still rings, else joined; the desktop leaves once the visitor is heard. */
  async joinByLink(call: CallDto): Promise<void> {
    if (this.busy) return;
    this.reset();
    this.call.set(call);
    await this.takeOver(call, 'ended');
  }

  hangup(): void {
    const call = this.call();
    if (this.phase() === 'choose') return this.reset();
    if (!call) return;
    void this.socket.request('call.hangup', { callId: call.id }).catch(() => undefined);
    this.finish({ ...call, state: 'ended', endReason: call.state === 'ringing' ? 'cancelled' : 'hangup', endedBy: 'operator' });
  }

  /** D3: the single-use link the phone opens (its QR code in the window). */
  async handOver(): Promise<void> {
    const call = this.call();
    if (!call) return;
    await this.attempt(async () => this.handover.set(await this.socket.request('call.handover', { callId: call.id })));
  }

  async askScreen(): Promise<void> {
    const call = this.call();
    if (!call) return;
    await this.attempt(async () => {
      await this.socket.request('call.screen.ask', { callId: call.id });
      this.screenAsk.set('asked');
    });
  }

  private screenAnswered(callId: string, allow: boolean): void {
    if (this.call()?.id === callId) this.screenAsk.set(allow ? 'allowed' : 'refused');
  }

  async toggleMic(): Promise<void> {
    // Through Jitsi the button asks its frame; the frame's event says the outcome (jitsiChanged).
    if (this.jitsiCall) return this.jitsiCall.setAudio(!this.media.micOn());
    this.media.toggleMic();
    await this.tellMedia();
  }

  async toggleCamera(): Promise<void> {
    if (this.jitsiCall) return this.jitsiCall.setVideo(!this.media.cameraOn());
    await this.attempt(() => this.media.toggleCamera());
    await this.tellMedia();
  }

  async toggleScreen(): Promise<void> {
    if (this.jitsiCall) return this.jitsiCall.setScreen(!this.media.screenOn());
    await this.attempt(() => this.media.toggleScreen());
    await this.tellMedia();
  }

  /** Another microphone, camera or speaker, without dropping the call (Jitsi's frame matches the device by its name). */
  async useDevice(kind: DeviceKind, id: string): Promise<void> {
    if (!this.jitsiCall) return kind === 'audiooutput' ? undefined : this.media.useDevice(kind, id);
    this.jitsiCall.useDevice(kind, id, this.media.devices().find((d) => d.id === id)?.label ?? '');
    if (kind === 'audioinput') this.media.micId.set(id);
    else if (kind === 'videoinput') this.media.cameraId.set(id);
  }

  // ---- the Jitsi frame's word (jitsi-stage.component.ts) ----

  jitsiJoined(call: JitsiCall): void {
    this.jitsiCall = call;
  }

  jitsiChanged(state: JitsiCallState): void {
    const before = this.media.state();
    this.jitsiState.set(state);
    this.media.mirror(state.media);
    const after = this.media.state();
    if (before.audio !== after.audio || before.video !== after.video || before.screen !== after.screen) void this.tellMedia();
  }

  /** The frame went (the call ended here, or the window let it go): out of the room. */
  jitsiLeft(call: JitsiCall | null): void {
    call?.leave();
    if (call && this.jitsiCall !== call) return;
    this.jitsiCall = null;
    this.jitsiState.set(null);
  }

  /** D4: «Записать звонок» / «Остановить запись». */
  async toggleRecording(): Promise<void> {
    const call = this.call();
    const peers = this.peersRef();
    if (!call || !peers) return;
    if (this.recording.state() === 'on') return this.attempt(() => this.recording.stop());
    await this.attempt(() => this.recording.start(call.id, peers.ownLegId, this.soundTracks()));
  }

  dismiss(): void {
    if (this.phase() === 'ended' || this.phase() === 'choose') this.reset();
  }

  // ---- the server's events about this call ----

  private updated(dto: CallDto): void {
    const call = this.call();
    if (!call || call.id !== dto.id) return;
    this.call.set(dto);
    if (dto.state === 'ended') this.finish(dto);
    else if (dto.state === 'active' && this.phase() === 'calling') void this.attempt(async () => this.joined(await this.enter('call.join', dto.id)), 'ended');
  }

  private legs(callId: string, legs: CallLeg[], seq: number): void {
    const peers = this.peersRef();
    if (!peers && this.early?.callId === callId && seq > (this.early.legs?.seq ?? -1)) this.early.legs = { legs, seq };
    if (!peers || this.call()?.id !== callId) return;
    // Lists can cross on the way (two changes told by two processes): an older one is dropped — it
    // may lack this very leg, which would read as "moved to another device".
    if (seq <= this.legsSeq) return;
    this.legsSeq = seq;
    if (legs.some((l) => l.id === peers.ownLegId)) return peers.setLegs(legs);
    // This leg was let go: the call moved to another device of this operator (D3).
    this.dropMedia();
    this.handover.set(null);
    this.phase.set('elsewhere');
  }

  private signal(callId: string, from: string, to: string, signal: CallSignal): void {
    const peers = this.peersRef();
    if (peers && this.call()?.id === callId && to === peers.ownLegId) peers.receive(from, signal);
    else if (!peers && this.early?.callId === callId && this.early.signals.length < EARLY_MAX) this.early.signals.push({ from, to, signal });
  }

  /** A call of this operator's the server still knows after a reload: shown as going on elsewhere. */
  adopt(call: CallDto): void {
    if (this.busy || call.state !== 'active' || call.operatorId !== this.auth.user()?.id) return;
    this.reset();
    this.call.set(call);
    this.phase.set('elsewhere');
  }

  // ---- inside ----

  /** Accepts or joins `callId` from this device, keeping what comes for its leg before the ack (`early`). */
  private async enter(event: 'call.accept' | 'call.join' | 'call.invite.accept', callId: string): Promise<CallJoin> {
    this.peersRef()?.close();
    this.peersRef.set(null);
    this.early = { callId, signals: [], legs: null };
    try {
      return await this.socket.request(event, { callId });
    } catch (err) {
      this.early = null;
      throw err;
    }
  }

  private joined(join: CallJoin): void {
    if (this.call()?.id !== join.call.id || this.activeSince() === null) this.activeSince.set(Date.now());
    this.call.set(join.call);
    if (join.jitsi) return this.joinedJitsi(join, join.jitsi);
    const early = this.early?.callId === join.call.id ? this.early : null;
    this.early = null;
    const newer = early?.legs && early.legs.seq > join.legsSeq ? early.legs : null;
    this.legsSeq = newer?.seq ?? join.legsSeq;
    this.ownUserId.set(join.legs.find((l) => l.id === join.legId)?.userId ?? null);
    const peers = new CallPeers(
      join,
      (to, signal) => {
        void this.socket.request('call.signal', { callId: join.call.id, from: join.legId, to, signal }).catch(() => undefined);
      },
      newer?.legs ?? join.legs,
    );
    this.peersRef()?.close();
    this.peersRef.set(peers);
    for (const p of early?.signals ?? []) if (p.to === join.legId) peers.receive(p.from, p.signal);
    this.media.attach((kind, track, stream) => peers.setTrack(kind, track, stream));
    this.phase.set('active');
    void this.tellMedia();
  }

  /** Jitsi's frame takes the microphone and camera itself: what this device had on is how it starts there. */
  private joinedJitsi(join: CallJoin, room: JitsiRoom): void {
    this.early = null;
    this.legsSeq = join.legsSeq;
    const start = this.media.state();
    this.media.close();
    this.media.mirror(start);
    this.jitsiLegId = join.legId;
    this.jitsi.set({ room, audio: start.audio, video: start.video });
    this.phase.set('active');
  }

  private async takeOver(call: CallDto, fallback: CallPhase): Promise<void> {
    await this.attempt(async () => {
      this.phase.set('joining');
      await this.media.open(false);
      const join = await this.enter(call.state === 'ringing' ? 'call.accept' : 'call.join', call.id);
      const own = join.legs.find((l) => l.id === join.legId);
      const others = join.legs.filter((l) => l.side === 'operator' && l.id !== join.legId && l.userId === own?.userId);
      this.joined(join);
      void this.retireOnceHeard(others);
    }, fallback);
  }

  /** Make before break: the old legs leave only after the visitor's sound flows to this one. */
  private async retireOnceHeard(others: readonly CallLeg[]): Promise<void> {
    const deadline = Date.now() + MEDIA_WAIT_MS;
    while (Date.now() < deadline && this.phase() === 'active') {
      // Through Jitsi: once the visitor is in this device's room.
      if (this.jitsi() && this.jitsiState()?.others) break;
      const visitor = (await this.peersRef()?.stats())?.find((s) => s.side === 'visitor');
      if (visitor && visitor.audioBytesIn > 0) break;
      await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_MS));
    }
    const call = this.call();
    if (!call || this.phase() !== 'active') return;
    for (const leg of others) await this.socket.request('call.leave', { callId: call.id, legId: leg.id }).catch(() => undefined);
  }

  private async tellMedia(): Promise<void> {
    const call = this.call();
    const legId = this.peersRef()?.ownLegId ?? this.jitsiLegId;
    if (!call || !legId) return;
    await this.socket.request('call.media', { callId: call.id, legId, media: this.media.state() }).catch(() => undefined);
  }

  /**
   * Runs a step; a failure is shown in the window. With `fallback` the step was this device's way
   * into the call: its media is let go and the window goes back to that phase.
   */
  private async attempt(step: () => Promise<unknown>, fallback?: CallPhase): Promise<void> {
    this.error.set(null);
    try {
      await step();
    } catch (err) {
      this.error.set(err instanceof Error ? err : new Error(String(err)));
      if (fallback) {
        this.dropMedia();
        this.phase.set(fallback);
      }
    }
  }

  private finish(dto: CallDto): void {
    this.call.set(dto);
    this.dropMedia();
    this.handover.set(null);
    this.phase.set('ended');
    if (this.endedTimer) clearTimeout(this.endedTimer);
    this.endedTimer = setTimeout(() => {
      if (this.phase() === 'ended') this.reset();
    }, ENDED_SHOWN_MS);
  }

  /** The operator's microphone and the other legs' sound: what a recording mixes. */
  private soundTracks(): MediaStreamTrack[] {
    return [...this.media.stream.getAudioTracks(), ...this.remotes().flatMap((r) => r.stream?.getAudioTracks() ?? [])];
  }

  private dropMedia(): void {
    // First, while the tracks still sound: its last chunk is uploaded as the call ends (the server takes it for a moment).
    void this.recording.stop();
    this.early = null;
    this.legsSeq = -1;
    this.peersRef()?.close();
    this.peersRef.set(null);
    this.jitsiLeft(this.jitsiCall);
    this.jitsi.set(null);
    this.jitsiLegId = null;
    this.media.close();
  }

  private reset(): void {
    if (this.endedTimer) clearTimeout(this.endedTimer);
    this.endedTimer = null;
    this.dropMedia();
    this.call.set(null);
    this.dialog.set(null);
    this.error.set(null);
    this.handover.set(null);
    this.screenAsk.set(null);
    this.guest.set(false);
    this.guestLink.set(null);
    this.inviteEnded.set(null);
    this.activeSince.set(null);
    this.phase.set('idle');
  }
}
