import type { WidgetDesign } from '../../../widget/src/design.js';
import { duration } from './call-line.js';
import { button, el, face, icon, initials } from './call-dom.js';
import { css } from './call-styles.js';
import type { CallWords } from './call-words.js';

export type Phase = 'ringing' | 'dialing' | 'connecting' | 'active' | 'ended';

/** Everything the card shows, derived by the controller on every change. */
export interface CallViewState {
  phase: Phase;
  /** The operator's name (the caller, or who answered), or '' while nobody has. */
  name: string;
  /** An incoming call the operator made with video (the ring says so). */
  video: boolean;
  /** When the call was answered (ms since the epoch): the timer counts from it. */
  answeredAt: number | null;
  recording: boolean;
  local: { mic: boolean; cam: boolean; screen: boolean };
  /** What the other side sends now (its leg's `call.media`), once connected. */
  remote: { video: boolean; screen: boolean } | null;
  /** E6: the operator asked to see the screen, the visitor has not answered. */
  asking: boolean;
  /** A problem or a hint for the visitor (no microphone, the call could not start…). */
  note: string | null;
  /** How it ended, once it has. */
  ended: string | null;
  /** The browser held the sound back (autoplay): a click lets it play. */
  soundBlocked: boolean;
  /** A request is under way: the buttons that would send another wait. */
  busy: boolean;
  /** The chat's window is open beside (desktop): the card moves aside. */
  beside: boolean;
  /** The media go through Jitsi Meet: its frame in `stage` is the picture, shown while the call is live. */
  jitsi: boolean;
}

export interface CallViewActions {
  accept(): void;
  decline(): void;
  hangup(): void;
  mic(): void;
  cam(): void;
  volume(value: number): void;
  allowScreen(): void;
  denyScreen(): void;
  stopScreen(): void;
  sound(): void;
  write(): void;
  close(): void;
}

/**
 * The call card in its own shadow root: who calls and the state (ringing, the timer), the
 * recording notice, the picture (the operator's camera or screen, the visitor's own small),
 * E6's consent prompt, a note, and the buttons of the phase. Built once and updated in place, so
 * focus, the volume slider and the media elements' playback survive every change; the media
 * elements are the controller's (one per other leg), placed in `stage`.
 */
export class CallView {
  readonly host = document.createElement('callpy-call');
  /** Where the controller puts each other leg's media element (`main` is the one shown). */
  readonly stage = el('div', { class: 'stage', 'data-testid': 'call-stage' });
  readonly self = el('video', { class: 'self', muted: '', playsinline: '', autoplay: '', 'data-testid': 'call-self' });
  private readonly card = el('div', { class: 'cc', role: 'dialog', 'data-testid': 'call-card' });
  private readonly av = el('div', { class: 'av', 'aria-hidden': 'true' });
  private readonly nm = el('div', { class: 'nm', 'data-testid': 'call-name' });
  private readonly st = el('div', { class: 'st', role: 'status', 'data-testid': 'call-status' });
  private readonly rec = el('div', { class: 'rec', 'data-testid': 'call-recording' });
  private readonly off = el('div', { class: 'off', 'data-testid': 'call-remote-off' });
  private readonly tag = el('div', { class: 'tag' });
  private readonly ask = el('div', { class: 'ask', role: 'alertdialog', 'data-testid': 'call-screen-ask' });
  private readonly note = el('div', { class: 'note', role: 'alert', 'data-testid': 'call-note' });
  private readonly b;
  private readonly vol = el('label', { class: 'vol' });
  private readonly range = el('input', { type: 'range', min: '0', max: '100', value: '100', 'data-testid': 'call-volume' });
  private state: CallViewState | null = null;
  /** Where the site's launcher is: the card keeps to its side. */
  private readonly side: string;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly t: CallWords,
    design: WidgetDesign | undefined,
    act: CallViewActions,
  ) {
    const shadow = this.host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      shadow.append(el('style', {}, css)); // older Safari
    }
    this.self.muted = true; // the visitor's own voice never plays back
    // The site's shell colour (B6) on the header; its darker end is the stylesheet's (color-mix).
    const c = design?.colors;
    if (c) for (const [k, v] of [['--a', c.shell], ['--on-a', c.shellText]] as const) this.card.style.setProperty(k, v);
    this.side = `${(design?.position.x ?? 1) < 0.5 ? ' left' : ''}${(design?.position.y ?? 1) < 0.5 ? ' top' : ''}`;
    this.card.setAttribute('aria-label', t.callLabel);
    this.b = {
      accept: button('call-accept', 'pill go', act.accept),
      decline: button('call-decline', 'pill stop', act.decline),
      mic: button('call-mic', 'rb', act.mic),
      cam: button('call-cam', 'rb', act.cam),
      stopScreen: button('call-screen-stop', 'rb on', act.stopScreen),
      hangup: button('call-hangup', 'rb stop', act.hangup),
      sound: button('call-sound', 'pill pri', act.sound),
      write: button('call-write', 'pill pri', act.write),
      close: button('call-close', 'pill', act.close),
      allow: button('call-screen-allow', 'pill pri', act.allowScreen),
      deny: button('call-screen-deny', 'pill', act.denyScreen),
    };
    const b = this.b;
    face(b.accept, 'phone', t.accept, true);
    face(b.decline, 'hang', t.decline, true);
    face(b.stopScreen, 'screen', t.screenStop);
    face(b.sound, 'volume', t.soundOn, true);
    b.write.textContent = t.write;
    b.close.textContent = t.close;
    b.allow.textContent = t.screenAllow;
    b.deny.textContent = t.screenDeny;
    this.range.setAttribute('aria-label', t.volume);
    this.range.addEventListener('input', () => act.volume(Number(this.range.value) / 100));
    this.vol.append(icon('volume', 18), this.range);
    this.vol.title = t.volume;
    this.rec.append(icon('rec'), t.recording);
    this.ask.setAttribute('aria-label', t.screenAsk);
    this.ask.append(el('b', {}, t.screenAsk), el('p', {}, t.screenAskText), el('div', { class: 'row' }, b.allow, b.deny));
    this.stage.append(this.off, this.tag, this.self);
    this.card.append(
      el('div', { class: 'head' }, this.av, el('div', { class: 'ht' }, this.nm, this.st)),
      this.rec,
      this.stage,
      this.ask,
      this.note,
      el('div', { class: 'btns' }, b.accept, b.decline, b.sound, b.mic, b.cam, b.stopScreen, this.vol, b.hangup, b.write, b.close),
    );
    shadow.append(this.card);
    this.card.addEventListener('keydown', (e) => {
      // Escape on a ringing card declines, as a phone's "reject" would; nothing else closes a live call by a key.
      if (e.key === 'Escape' && this.state?.phase === 'ringing') act.decline();
    });
  }

  /** The card into the page (once). */
  attach(): void {
    if (!this.host.isConnected) document.body.append(this.host);
  }

  render(s: CallViewState): void {
    const t = this.t;
    const prev = this.state;
    this.state = s;
    const b = this.b;
    const live = s.phase === 'active' || s.phase === 'connecting';
    this.card.className = `cc ${s.phase}${this.side}${s.beside ? ' beside' : ''}`;
    this.card.dataset.phase = s.phase;
    const name = s.name || t.operator;
    this.nm.textContent = name;
    this.av.textContent = initials(name);
    this.rec.hidden = !s.recording || s.phase === 'ended';
    // The picture shows once either side sends video; until then an audio call is a small card.
    const picture = live && (s.jitsi || s.local.cam || s.local.screen || !!s.remote?.video || !!s.remote?.screen);
    this.stage.hidden = !picture;
    this.stage.classList.toggle('jitsi', s.jitsi);
    this.stage.classList.toggle('screen', !!s.remote?.screen);
    const remoteShows = !!s.remote && (s.remote.video || s.remote.screen);
    this.off.hidden = remoteShows;
    if (!remoteShows) this.off.replaceChildren(el('div', { class: 'av' }, initials(name)), s.remote ? t.remoteCamOff : t.connecting);
    this.tag.hidden = !s.remote?.screen && !s.local.screen;
    this.tag.textContent = s.local.screen ? t.sharing : t.remoteScreen;
    this.self.hidden = !(s.local.cam || s.local.screen);
    this.self.classList.toggle('scr', s.local.screen);
    this.ask.hidden = !s.asking || !live;
    // Ended (the header says how), the card offers the chat instead.
    const note = s.phase === 'ended' ? [s.note, t.leaveMessage].filter(Boolean).join(' ') : s.note;
    this.note.hidden = !note;
    this.note.textContent = note ?? '';
    this.note.classList.toggle('info', s.phase === 'ended');

    b.accept.hidden = b.decline.hidden = s.phase !== 'ringing';
    b.accept.disabled = s.busy;
    b.sound.hidden = !live || !s.soundBlocked;
    for (const x of [b.mic, b.cam, this.vol]) x.hidden = !live;
    b.stopScreen.hidden = !live || !s.local.screen;
    b.hangup.hidden = s.phase === 'ringing' || s.phase === 'ended';
    face(b.hangup, 'hang', s.phase === 'dialing' ? t.cancel : t.hangup);
    face(b.mic, s.local.mic ? 'mic' : 'micOff', s.local.mic ? t.micOff : t.micOn);
    b.mic.setAttribute('aria-pressed', String(!s.local.mic));
    face(b.cam, s.local.cam ? 'cam' : 'camOff', s.local.cam ? t.camOff : t.camOn);
    b.cam.classList.toggle('on', s.local.cam);
    b.write.hidden = b.close.hidden = s.phase !== 'ended';

    clearInterval(this.timer);
    this.status();
    if (s.phase === 'active' && s.answeredAt) this.timer = setInterval(() => this.status(), 1000);
    // Focus follows the card only where it already was (a ring never takes the visitor's typing away).
    if (prev?.phase !== s.phase && this.host.shadowRoot?.activeElement) {
      const next = [b.write, b.hangup, b.accept].find((x) => !x.hidden);
      next?.focus();
    }
  }

  private status(): void {
    const s = this.state;
    if (!s) return;
    const t = this.t;
    this.st.textContent =
      s.phase === 'ringing' ? (s.video ? t.incomingVideo : t.incoming)
      : s.phase === 'dialing' ? t.calling
      : s.phase === 'connecting' ? t.connecting
      : s.phase === 'ended' ? (s.ended ?? t.ended.hangup)
      : duration((s.answeredAt ? Date.now() - s.answeredAt : 0) / 1000);
  }

  remove(): void {
    clearInterval(this.timer);
    this.host.remove();
  }
}
