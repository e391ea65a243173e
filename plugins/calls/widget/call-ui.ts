import type { WidgetDesign } from '../../../widget/src/design.js';
import { CallPeer, isPolite } from '../browser/call-peer.js';
import { JitsiCall, type JitsiCallState } from '../browser/jitsi-call.js';
import { CALLS_ERROR_CODES, type CallsErrorCode } from '../shared/calls-error-codes.js';
import type { CallDto, CallEndReason, CallJoin, CallLeg, CallSignal, CallsToClient } from '../shared/calls.protocol.js';
import { leaveMessage, watchChatWindow } from './chat-dom.js';
import { request, type CallsSocket } from './calls-socket.js';
import { CallView, type Phase } from './call-view.js';
import { callWords } from './call-words.js';
import { LegPeers, type LegLink } from './leg-peers.js';
import { LocalMedia } from './local-media.js';

export interface CallUi {
  /** D2: the visitor's click on «Позвонить». */
  start(): void;
  /** Calls the server says are ringing or under way (a ring, or `calls.mine` after a (re)connection: then `full`, the whole list). */
  sync(calls: CallDto[], full?: boolean): void;
  /** The plugin switched off on an open page: everything of the call goes (the server sees the leg go with `/calls`). */
  stop(): void;
}

export interface CallUiOptions {
  socket: CallsSocket;
  locale: 'ru' | 'en';
  siteKey: string;
  design: WidgetDesign | undefined;
}

/** The connection to one other leg, with the element that plays (and shows) what it sends. */
class Link implements LegLink {
  readonly media = document.createElement('video');
  /** Every track the other leg sends, however its streams are grouped. */
  private readonly remote = new MediaStream();
  readonly peer: CallPeer;

  constructor(join: CallJoin, leg: CallLeg, send: (signal: CallSignal) => void, events: { state(): void; blocked(): void }) {
    this.media.className = 'rm';
    this.media.autoplay = true;
    this.media.playsInline = true;
    this.media.dataset.leg = leg.id;
    this.media.dataset.testid = 'call-remote';
    this.media.srcObject = this.remote;
    this.peer = new CallPeer({
      iceServers: join.iceServers,
      iceTransportPolicy: join.iceTransportPolicy,
      polite: isPolite(join.legId, leg.id),
      send,
      onStream: (stream) => {
        for (const track of stream.getTracks()) if (!this.remote.getTrackById(track.id)) this.remote.addTrack(track);
        this.media.play().catch(() => events.blocked());
      },
      onState: () => events.state(),
    });
  }

  connected(): boolean {
    return this.peer.pc.connectionState === 'connected';
  }

  close(): void {
    this.peer.close();
    this.media.remove();
    this.media.srcObject = null;
  }
}

const noop = () => undefined;
/** Signals kept for a leg still joining: an offer and its candidates, with room to spare. */
const EARLY_MAX = 200;

/**
 * The visitor's side of a call (the lazy stage): the ring and its answer, the visitor's own call
 * (D2) from «Вызов…» to the answer, the call itself — one CallPeer per other leg (leg-peers.ts:
 * make before break on a hand-over), the microphone, the camera at any time (D5), the operator's
 * camera or screen shown, the screen shared on consent (E6), the recording notice — and its end,
 * which offers the chat for a message. Which call this tab is in is kept in sessionStorage, so the
 * next page of the site joins it again by itself (index.ts asks `calls.mine` on connecting).
 */
export function callUi({ socket, locale, siteKey, design }: CallUiOptions): CallUi {
  const t = callWords(locale);
  const key = `callpy:${siteKey}:call`;
  const session = (): Storage | null => {
    try {
      return sessionStorage;
    } catch {
      return null;
    }
  };
  const local = new LocalMedia();
  let call: CallDto | null = null;
  let phase: Phase | null = null;
  let join: CallJoin | null = null;
  let peers: LegPeers<Link> | null = null;
  /** A Jitsi call's room in the card's stage (CallJoin.jitsi), and what its frame last said. */
  let jitsi: JitsiCall | null = null;
  let jitsiState: JitsiCallState | null = null;
  let note: string | null = null;
  let ended: string | null = null;
  let asking = false;
  let busy = false;
  let soundBlocked = false;
  let beside = false;
  let volume = 1;
  let joinedAt: number | null = null;
  /** Signals that came while this leg was joining. */
  let early: CallsToClient['call.signal'][] = [];
  let earlyLegs: { legs: CallLeg[]; seq: number } | null = null;
  /** The phase after an await (another event may have moved it meanwhile). */
  const now = (): Phase | null => phase;

  const view = new CallView(t, design, {
    accept: () => void accept(),
    decline: () => {
      if (call) void request(socket, 'call.decline', { callId: call.id });
      finish('declined');
    },
    hangup: () => {
      if (call) void request(socket, 'call.hangup', { callId: call.id });
      finish(phase === 'dialing' ? 'cancelled' : 'hangup');
    },
    mic: () => {
      if (jitsi) return jitsi.setAudio(!jitsi.state.media.audio);
      if (local.audio) local.audio.enabled = !local.audio.enabled;
      media();
      render();
    },
    cam: () => void camera(),
    volume: (v) => {
      volume = v;
      jitsi?.setVolume(v);
      for (const link of peers?.links() ?? []) link.media.volume = v;
    },
    allowScreen: () => void shareScreen(),
    denyScreen: () => {
      asking = false;
      if (call) void request(socket, 'call.screen.answer', { callId: call.id, allow: false });
      render();
    },
    stopScreen: () => {
      if (jitsi) return jitsi.setScreen(false);
      local.screenOff();
      video();
    },
    sound: () => {
      soundBlocked = false;
      for (const link of peers?.links() ?? []) link.media.play().catch(() => (soundBlocked = true));
      render();
    },
    write: () => {
      leaveMessage();
      close();
    },
    close: () => close(),
  });
  const unwatch = watchChatWindow((open) => {
    beside = open;
    if (phase) render();
  });

  function render(): void {
    if (!phase) return;
    view.attach();
    const main = peers?.main() ?? null;
    for (const link of peers?.links() ?? []) link.media.classList.toggle('main', link === main?.link);
    const leg = main?.link.connected() ? main.leg : null;
    view.render({
      phase,
      // Everyone on the other legs once they are listed (D4: three-way calls), the operator until then.
      name: [...new Set([call?.operatorName ?? '', ...(peers?.names() ?? [])].filter(Boolean))].join(', '),
      video: !!call?.video,
      // The server's answer time; until a DTO carrying it arrives, when this leg joined.
      answeredAt: call?.answeredAt ? Date.parse(call.answeredAt) : joinedAt,
      recording: !!call?.recording,
      local: jitsiState ? { mic: jitsiState.media.audio, cam: jitsiState.media.video && !jitsiState.media.screen, screen: jitsiState.media.screen } : { mic: !!local.audio?.enabled, cam: !!local.camera, screen: !!local.screen },
      remote: leg ? { video: leg.media.video, screen: leg.media.screen } : null,
      jitsi: !!join?.jitsi,
      asking,
      note,
      ended,
      soundBlocked,
      busy,
      beside,
    });
  }

  function remember(callId: string | null): void {
    try {
      if (callId) session()?.setItem(key, callId);
      else session()?.removeItem(key);
    } catch {
      // Storage full or blocked: the call goes on, only the next page will not rejoin it.
    }
  }

  function begin(next: CallDto | null, at: Phase): void {
    call = next;
    early = [];
    earlyLegs = null;
    phase = at;
    note = ended = null;
    asking = busy = soundBlocked = false;
    render();
  }

  /** The server's word on the call this card shows. */
  function apply(next: CallDto): void {
    if (next.id !== call?.id || phase === 'ended') return;
    call = next;
    if (next.state === 'ended') return finish(next.endReason ?? 'hangup');
    // Answered in another tab of this visitor: that tab has it.
    if (next.state === 'active' && phase === 'ringing' && !busy) return close();
    if (next.state === 'active' && phase === 'dialing') void rejoin();
    render();
  }

  /** The server's refusal in the visitor's words (its code's, else the general one). */
  function why(ack: { ok: false; error: { code: string } } | null): string {
    const code = ack?.error.code;
    return code && Object.hasOwn(CALLS_ERROR_CODES, code) ? CALLS_ERROR_CODES[code as CallsErrorCode][locale] : t.startFailed;
  }

  async function withMic(): Promise<boolean> {
    try {
      await local.mic();
      return true;
    } catch {
      note = t.noMic;
      return false;
    }
  }

  async function start(): Promise<void> {
    if (phase && phase !== 'ended') return;
    begin(null, 'dialing');
    busy = true;
    if (!(await withMic())) return finish('failed');
    const ack = await request(socket, 'call.start', {});
    busy = false;
    // Cancelled before the server answered: the call it made goes too.
    if (now() !== 'dialing' || call) {
      if (ack?.ok) void request(socket, 'call.hangup', { callId: ack.data.id });
      return;
    }
    if (!ack?.ok) {
      note = why(ack);
      return finish('failed');
    }
    begin(ack.data, 'dialing');
    // Nobody to ring (no operator online): a missed call at once, and the card offers a message.
    if (ack.data.state === 'ended') return finish(ack.data.endReason ?? 'missed');
    remember(ack.data.id);
    // Answered before the ack came back (a fast operator): join now.
    if (ack.data.state === 'active') void rejoin();
  }

  async function accept(): Promise<void> {
    if (!call || phase !== 'ringing' || busy) return;
    busy = true;
    note = null;
    render();
    if (!(await withMic())) {
      busy = false;
      return render();
    }
    const ack = await request(socket, 'call.accept', { callId: call.id });
    busy = false;
    if (ack?.ok) joined(ack.data);
    else {
      note = why(ack);
      render();
    }
  }

  /** A new leg of this tab in an active call: the caller once answered, or the next page of the site. */
  async function rejoin(): Promise<void> {
    if (!call) return;
    const id = call.id;
    phase = 'connecting';
    render();
    // Without a microphone (refused on this page) the visitor still hears the operator.
    await withMic();
    const ack = await request(socket, 'call.join', { callId: id });
    if (call?.id !== id || now() === 'ended') return;
    if (ack?.ok) joined(ack.data);
    else finish('failed');
  }

  function joined(j: CallJoin): void {
    peers?.close();
    leaveJitsi();
    join = j;
    // A `call.updated` that came before this ack is newer than the ack's copy: its answer time stays.
    call = call?.id === j.call.id && call.answeredAt && !j.call.answeredAt ? { ...j.call, answeredAt: call.answeredAt } : j.call;
    joinedAt = Date.now();
    phase = 'connecting';
    remember(j.call.id);
    if (j.jitsi) return void joinJitsi(j);
    const own = j.legId;
    const set = (peers = new LegPeers<Link>(
      own,
      (leg) => {
        const link = new Link(j, leg, (sig) => socket.emit('call.signal', { callId: j.call.id, from: own, to: leg.id, signal: sig }, noop), {
          state: () => {
            if (phase === 'connecting' && set.links().some((l) => l.connected())) phase = 'active';
            set.settle();
            render();
          },
          blocked: () => {
            soundBlocked = true;
            render();
          },
        });
        link.media.volume = volume;
        view.stage.prepend(link.media);
        void send(link);
        return link;
      },
      render,
    ));
    // A list told while the ack was on its way is newer than the ack's own only if its number says so.
    set.update(j.legs, j.legsSeq);
    if (earlyLegs) set.update(earlyLegs.legs, earlyLegs.seq);
    for (const p of early) if (p.to === own) deliver(p);
    early = [];
    earlyLegs = null;
    media();
    render();
  }

  /**
   * The media through Jitsi Meet: its frame, in the card's stage, takes the microphone itself (ours
   * is let go: it was asked for only so that a refusal is said before the answer) and is driven by
   * the card's buttons; the call is live once the operator is in the room.
   */
  async function joinJitsi(j: CallJoin): Promise<void> {
    const audio = !!local.audio?.enabled;
    local.stop();
    early = [];
    earlyLegs = null;
    render();
    try {
      const opened = await JitsiCall.open({
        room: j.jitsi!,
        parentNode: view.stage,
        displayName: j.call.visitorName,
        audio,
        video: false,
        lang: locale,
        onState: (state) => {
          const was = jitsiState?.media;
          jitsiState = state;
          if (phase === 'connecting' && state.others > 0) phase = 'active';
          if (!was || was.audio !== state.media.audio || was.video !== state.media.video || was.screen !== state.media.screen) media();
          render();
        },
        // Jitsi's own hang-up inside its frame: the call ends as by our button.
        onClosed: () => {
          if (call) void request(socket, 'call.hangup', { callId: call.id });
          finish('hangup');
        },
      });
      // Ended, or another join, while the script loaded: out at once.
      if (join !== j || now() === 'ended') return opened.leave();
      jitsi = opened;
      jitsiState = opened.state;
      opened.setVolume(volume);
      render();
    } catch {
      if (join !== j) return;
      note = t.noJitsi;
      if (call) void request(socket, 'call.hangup', { callId: call.id });
      finish('failed');
    }
  }

  function deliver(p: CallsToClient['call.signal']): void {
    peers
      ?.adopt(p.from)
      .peer.receive(p.signal)
      .catch((err: unknown) => console.warn('Callpy calls:', err));
  }

  /** What this leg sends, to one link (a new one) or to all (a change). */
  async function send(link: Link): Promise<void> {
    try {
      if (local.audio) await link.peer.setTrack('audio', local.audio, local.stream);
      const v = local.video();
      if (v || link.peer.pc.getTransceivers().some((x) => x.receiver.track.kind === 'video')) await link.peer.setTrack('video', v, local.stream);
    } catch (err) {
      console.warn('Callpy calls:', err);
    }
  }

  /** The video sent changed (camera, screen): every link, the visitor's own picture, the others' word. */
  function video(): void {
    const v = local.video();
    view.self.srcObject = v ? new MediaStream([v]) : null;
    for (const link of peers?.links() ?? []) void send(link);
    media();
    render();
  }

  function media(): void {
    if (!call || !join) return;
    const sent = jitsiState ? jitsiState.media : { audio: !!local.audio?.enabled, video: !!local.camera, screen: !!local.screen };
    socket.emit('call.media', { callId: call.id, legId: join.legId, media: sent }, noop);
  }

  async function camera(): Promise<void> {
    note = null;
    if (jitsi) return jitsi.setVideo(!jitsi.state.media.video);
    if (local.camera) local.cameraOff();
    else {
      try {
        await local.cameraOn();
      } catch {
        note = t.noCam;
      }
    }
    video();
  }

  /** E6: the visitor agreed; the browser's picker comes first (it needs this click), the answer after it. */
  async function shareScreen(): Promise<void> {
    asking = false;
    note = null;
    let allow = true;
    if (jitsi) {
      jitsi.setScreen(true);
      if (call) void request(socket, 'call.screen.answer', { callId: call.id, allow });
      return render();
    }
    try {
      await local.screenOn(() => {
        local.screenOff();
        video();
      });
    } catch {
      allow = false;
      note = t.noScreen;
    }
    if (call) void request(socket, 'call.screen.answer', { callId: call.id, allow });
    video();
  }

  /** The end, from either side: the media goes, the card says how and offers the chat. `reason` null: it never started (no microphone, refused). */
  function finish(reason: CallEndReason | null): void {
    if (phase === 'ended' || !phase) return;
    peers?.close();
    peers = null;
    leaveJitsi();
    join = null;
    local.stop();
    view.self.srcObject = null;
    remember(null);
    phase = 'ended';
    asking = busy = soundBlocked = false;
    ended = reason ? t.ended[reason] : null;
    render();
  }

  function leaveJitsi(): void {
    jitsi?.leave();
    jitsi = jitsiState = null;
  }

  function close(): void {
    if (phase && phase !== 'ended') finish(null);
    phase = call = null;
    view.remove();
  }

  socket.on('call.updated', apply);
  socket.on('call.legs', (p) => {
    // Lists can cross on the way (two changes told by two processes): LegPeers drops an older one.
    if (join && p.callId === join.call.id) peers?.update(p.legs, p.seq);
    // While this leg joins, a leg joining after it is told here before our ack comes: the newest is kept.
    else if (!join && p.callId === call?.id && p.seq > (earlyLegs?.seq ?? -1)) earlyLegs = { legs: p.legs, seq: p.seq };
  });
  socket.on('call.signal', (p) => {
    // The other side hears of this leg (`call.legs`) and offers before the join's ack brings our leg id: kept until it does.
    if (!join) return void (p.callId === call?.id && early.length < EARLY_MAX && early.push(p));
    if (p.callId === join.call.id && p.to === join.legId) deliver(p);
  });
  socket.on('call.screen.asked', (p) => {
    if (p.callId !== call?.id || (phase !== 'active' && phase !== 'connecting')) return;
    asking = true;
    if (p.operatorName && call) call = { ...call, operatorName: call.operatorName ?? p.operatorName };
    render();
  });

  return {
    start: () => void start(),
    sync(calls, full) {
      const current = call && phase !== 'ended' ? calls.find((c) => c.id === call!.id) : undefined;
      if (current) {
        apply(current);
        // A new connection: the old leg went with the old socket.
        if (full && current.state === 'active' && join) void rejoin();
        return;
      }
      // Over while this page was not connected.
      if (call && phase !== 'ended' && full) return finish('hangup');
      if (phase && phase !== 'ended') return;
      let mine: string | null = null;
      try {
        mine = session()?.getItem(key) ?? null;
      } catch {
        mine = null;
      }
      const ours = calls.find((c) => c.id === mine && c.state !== 'ended');
      if (ours) {
        begin(ours, ours.state === 'active' ? 'connecting' : 'dialing');
        if (ours.state === 'active') void rejoin();
        return;
      }
      const ring = calls.find((c) => c.state === 'ringing' && c.direction === 'operator-to-visitor');
      if (ring) begin(ring, 'ringing');
    },
    stop() {
      unwatch();
      peers?.close();
      leaveJitsi();
      local.stop();
      view.remove();
      phase = null;
    },
  };
}
