import type { WidgetDesign } from '../../../widget/src/design.js';
import type { WidgetButton, WidgetSlots } from '../../../widget/src/widget-api.js';
import type { AttachmentDto, OperatorCard } from '../shared/chat.protocol.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { adoptCss, append, h, icon, safeUrl, viewportSize } from './dom.js';
import { ACCEPT, screenshotName } from './files.js';
import { fileSize } from '../shared/file-size.js';
import { clock, type Dict, type Locale } from './i18n.js';
import { linkify } from './linkify.js';
import { designVars, placeLauncher, placeOnEdge, placeSidePanel, placeWindow, type Box } from './look.js';
import type { ViewMessage } from './messages.js';
import type { HistoryView } from './history.js';
import type { OfflineForm } from './offline-form.js';
import type { UploadItem } from './uploads.js';
import type { OfflineFields } from './validate.js';

export type Mode = 'chat' | 'offline';

export interface RatingView {
  state: 'ask' | 'sending' | 'done' | 'error';
  value: number;
}

/** Everything the widget shows, derived by the controller on every change. */
export interface ViewState {
  /** False until we know whether anyone is online (first hello, a connection error, or a cached answer). */
  known: boolean;
  mode: Mode;
  open: boolean;
  connected: boolean;
  online: boolean;
  operators: OperatorCard[];
  messages: ViewMessage[];
  /** Files on their way (or refused), shown after the messages. */
  uploads: UploadItem[];
  dialogClosed: boolean;
  /** Name of the operator typing, or null. */
  typing: string | null;
  rating: RatingView | null;
  unread: number;
  preview: { name: string; text: string; avatarUrl: string | null } | null;
  /** A returning visitor's earlier dialogs (issue 9); null when they have none. */
  history: HistoryView | null;
}

export interface ViewActions {
  toggle(open: boolean): void;
  send(text: string): void;
  retry(clientId: string): void;
  /** Files picked, pasted or dropped (C7). */
  attach(files: File[]): void;
  retryUpload(key: string): void;
  dismissUpload(key: string): void;
  draft(text: string): void;
  rate(stars: number): void;
  /** Resolves with null when stored, or with a message for the visitor. */
  offline(fields: OfflineFields): Promise<string | null>;
  dismissPreview(): void;
  /** Load the next page of earlier dialogs. */
  earlier(): void;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

const GROUP_MS = 5 * 60 * 1000;
/** How long after the last dragover the drop hint stays (dragleave fires on every child, dragover keeps coming). */
const DRAG_HINT_MS = 150;

/** Branded's and Side's styles, each a chunk of its own. */
const STYLES: Record<'branded' | 'side', () => Promise<{ css: string }>> = { branded: () => import('./style-branded.js'), side: () => import('./style-side.js') };

/** Window sizes per style (B4); the Side panel takes the viewport's full height. */
const WINDOW = { standard: [360, 520], branded: [380, 580], side: [380, 0] } as const;

/**
 * The widget's DOM inside its shadow root: the launcher (online) or the offline tab, the window
 * with either the conversation or the offline form, and a preview of a message that arrived while
 * the window was closed. Rendering is keyed and incremental, so focus, scroll position and the
 * visitor's draft survive every update. User data only ever goes in as text.
 *
 * B3–B8: the site's design picks one of three layouts (a class on the root: `st-standard`, a round
 * launcher and a card; `st-branded`, a labelled pill and a card with a bold brand band and the
 * logo; `st-side`, a tab on the side edge opening a full-height panel), its colours (custom
 * properties) and the launcher's place, kept inside the viewport as it resizes.
 */
export class ChatView {
  private state: ViewState | null = null;
  private readonly root = h('div', { class: 'root' });
  private readonly launcher: HTMLButtonElement;
  private readonly badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  private readonly tab: HTMLButtonElement;
  private readonly preview = h('div', { class: 'preview', role: 'button', tabindex: '0', hidden: true, 'data-testid': 'cp-preview' });
  private readonly win: HTMLElement;
  private readonly head = h('div', { class: 'head' });
  private readonly chatBody = h('div', { class: 'body' });
  /** Shown for the moment the offline form's chunk takes to arrive. */
  private readonly formWait = h('div', { class: 'body wait', 'aria-busy': 'true' });
  private readonly list = h('div', { class: 'list', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'cp-messages' });
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly comp: HTMLElement;
  /** Other plugins' composer actions (the host's slot), between the attach and the send buttons. */
  private readonly actions = h('span', { class: 'acts' });
  private actionsSig = '';
  private emoji: HTMLElement | null = null;
  private offline: OfflineForm | null = null;
  private readonly parts = new Map<string, { css: string } | null>();
  /** The visitor opened the offline form before its chunk arrived: focus it when it does. */
  private focusForm = false;
  private launcherSig = '';
  private laidOut = 0;
  private readonly rows = new Map<string, { sig: string; el: HTMLElement }>();
  private headSig = '';
  /** Whether the list is scrolled to its end (then new content keeps it there). */
  private pinned = true;
  private lastCount = 0;
  private lastTop = 0;
  private historyCount = 0;

  constructor(
    private readonly shadow: ShadowRoot,
    private t: Dict,
    private locale: Locale,
    private readonly baseUrl: string,
    private design: WidgetDesign,
    private readonly slots: WidgetSlots,
    private readonly act: ViewActions,
  ) {
    this.root.setAttribute('lang', locale);
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'data-testid': 'cp-launcher', hidden: true, onclick: () => this.act.toggle(!this.state?.open) });
    this.tab = h('button', { class: 'tab', type: 'button', 'aria-expanded': 'false', 'data-testid': 'cp-offline-tab', hidden: true, onclick: () => this.act.toggle(true) });
    this.input = h('textarea', {
      rows: '1',
      placeholder: t.placeholder,
      'aria-label': t.placeholder,
      maxlength: String(CHAT_LIMITS.messageLength),
      'data-testid': 'cp-input',
      oninput: () => this.onInput(),
      onkeydown: (e: KeyboardEvent) => {
        // Enter sends, Shift+Enter is a new line; never while an IME composes a word.
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          this.submit();
        }
      },
      onpaste: (e: ClipboardEvent) => this.onPaste(e),
    });
    this.sendButton = h('button', { class: 'ib send', type: 'button', disabled: true, 'aria-label': t.send, title: t.send, 'data-testid': 'cp-send', onclick: () => this.submit() }, icon('send'));
    const emojiButton = h('button', { class: 'ib', type: 'button', 'aria-label': t.emoji, title: t.emoji, 'aria-expanded': 'false', 'data-testid': 'cp-emoji-button', onclick: () => void this.toggleEmoji(emojiButton) }, icon('smile'));
    const picker = h('input', { type: 'file', accept: ACCEPT, multiple: true, hidden: true, tabindex: '-1', 'data-testid': 'cp-file-input' });
    picker.addEventListener('change', () => {
      this.act.attach([...(picker.files ?? [])]);
      picker.value = ''; // the same file may be picked again
    });
    const attachButton = h('button', { class: 'ib', type: 'button', 'aria-label': t.attach, title: t.attach, 'data-testid': 'cp-attach', onclick: () => picker.click() }, icon('clip'));
    this.comp = h('div', { class: 'comp' }, this.input, emojiButton, attachButton, this.actions, this.sendButton, picker);
    append(this.chatBody, [this.list, this.comp]);
    this.list.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // A picture that gets its height after the list was scrolled to the end: to the real end again (`load` does not bubble).
    this.list.addEventListener('load', () => this.pinned && this.toBottom(), true);
    this.win = h('div', { class: 'win', role: 'dialog', 'aria-label': t.chatLabel, hidden: true, 'data-testid': 'cp-window', 'data-drop': t.dropFiles }, this.head);
    this.acceptDrops();
    this.preview.addEventListener('click', () => this.act.toggle(true));
    this.preview.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.act.toggle(true)));
    append(this.root, [this.win, this.preview, this.tab, this.launcher]);
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.state?.open) {
        e.stopPropagation();
        this.act.toggle(false);
      }
    });
    shadow.appendChild(this.root);
    const relayout = () => {
      if (!this.root.isConnected) return removeEventListener('resize', relayout);
      cancelAnimationFrame(this.laidOut);
      this.laidOut = requestAnimationFrame(() => this.layout());
    };
    addEventListener('resize', relayout, { passive: true });
    this.applyDesign();
  }

  /** B3–B8: a new design (saved by the admin, or the preview's) and the words with its captions; the caller renders next. */
  setDesign(design: WidgetDesign, t: Dict): void {
    this.design = design;
    this.t = t;
    this.applyDesign();
    this.offline?.relabel(t);
  }

  /** A8: the site's chat language changed; every word shows again in the new one. The caller renders next. */
  setLanguage(locale: Locale, t: Dict): void {
    this.locale = locale;
    this.root.setAttribute('lang', locale);
    const label = (el: Element | null, text: string) => el && (el.setAttribute('aria-label', text), el.setAttribute('title', text));
    label(this.sendButton, t.send);
    label(this.comp.querySelector('[data-testid="cp-emoji-button"]'), t.emoji);
    label(this.comp.querySelector('[data-testid="cp-attach"]'), t.attach);
    this.win.setAttribute('aria-label', t.chatLabel);
    this.win.setAttribute('data-drop', t.dropFiles);
    // Rows are kept by their content, not by their words: all are built again.
    this.rows.clear();
    // A form the visitor may be filling in keeps what they typed (its intro follows); any other is built again.
    if (!(this.state?.open && this.state.mode === 'offline')) this.offline = null;
    this.setDesign(this.design, t);
  }

  /** The launcher and the tab: what the preview lets the admin drag. */
  anchors(): HTMLElement[] {
    return [this.launcher, this.tab];
  }

  position(): WidgetDesign['position'] {
    return this.design.position;
  }

  /** B5: moves the launcher (the preview's drag) without touching the rest of the design. */
  move(position: WidgetDesign['position']): void {
    this.design = { ...this.design, position };
    this.layout();
  }

  private applyDesign(): void {
    const d = this.design;
    this.root.className = `root st-${d.style}${this.state?.open ? ' open' : ''}`;
    for (const [name, value] of designVars(d)) this.root.style.setProperty(name, value);
    this.input.placeholder = this.t.placeholder;
    this.input.setAttribute('aria-label', this.t.placeholder);
    this.tab.replaceChildren(icon('mail', 22), h('span', null, this.t.offlineTab));
    this.launcherSig = '';
    this.headSig = '';
    // Branded and Side bring their own styles: a chunk each, fetched once (while the socket connects);
    // the launcher's size changes with them, so the view lays itself out again when one arrives.
    if (d.style !== 'standard') this.part(`style-${d.style}`, STYLES[d.style]);
  }

  /** Places the launcher, the tab, the window and the message preview for the current viewport. */
  private layout(): void {
    const { width: W, height: H } = viewportSize(this.root);
    const { style, position } = this.design;
    const place = (el: HTMLElement, prefix: string): Box | null => {
      if (el.hidden) return null;
      const box = (style === 'side' ? placeOnEdge : placeLauncher)(position, el.offsetWidth, el.offsetHeight, W, H);
      this.root.style.setProperty(`--${prefix}x`, `${box.left}px`);
      this.root.style.setProperty(`--${prefix}y`, `${box.top}px`);
      return box;
    };
    const launcher = place(this.launcher, 'l');
    // Not `t`: `--tx` is the text colour.
    const tab = place(this.tab, 'tb');
    // Closed, the launcher or the tab shows; open, the launcher (or, in Side, where the tab was).
    const anchor = launcher ?? tab ?? placeLauncher(position, 60, 60, W, H);
    const [w, h] = WINDOW[style];
    const win = style === 'side' ? placeSidePanel(anchor, w, W, H) : placeWindow(anchor, w, h, W, H);
    const bubble = placeWindow(anchor, Math.min(300, W - 40), this.preview.offsetHeight || 80, W, H);
    const vars: [string, number][] = [['--wx', win.left], ['--wy', win.top], ['--ww', win.width], ['--wh', win.height], ['--px', bubble.left], ['--py', bubble.top]];
    for (const [name, value] of vars) this.root.style.setProperty(name, `${value}px`);
    const left = anchor.left + anchor.width / 2 < W / 2;
    this.root.classList.toggle('left', left);
    // The window grows out of its anchor's corner.
    this.root.style.setProperty('--wo', `${left ? 'left' : 'right'} ${win.top >= anchor.top ? 'top' : 'bottom'}`);
  }

  render(s: ViewState): void {
    const prev = this.state;
    this.state = s;
    const visible = s.known;
    this.root.classList.toggle('open', s.open);

    // Launcher (online) or offline tab; while the window is open the launcher closes it.
    const showLauncher = visible && (s.open || s.mode === 'chat');
    this.launcher.hidden = !showLauncher;
    this.tab.hidden = !visible || s.open || s.mode !== 'offline';
    const launcherSig = `${s.open}|${s.unread}|${this.design.style}`;
    if (launcherSig !== this.launcherSig) {
      this.launcherSig = launcherSig;
      // Branded and Side name it (a pill, a tab); Standard is the round icon.
      const named = this.design.style !== 'standard' && !s.open;
      this.launcher.replaceChildren(s.open ? icon('down', 28) : chatIcon(), named ? h('span', { class: 'lbl' }, this.t.title || this.t.launcherLabel) : '', this.badge);
      this.launcher.setAttribute('aria-expanded', String(s.open));
      this.tab.setAttribute('aria-expanded', String(s.open));
      const label = s.open ? this.t.closeChat : this.t.openChat;
      this.launcher.setAttribute('aria-label', s.unread && !s.open ? `${label}. ${this.t.unread(s.unread)}` : label);
      this.badge.textContent = s.unread > 9 ? '9+' : String(s.unread);
      this.badge.hidden = !s.unread || s.open;
    }

    // Preview of a message that came while the window was closed.
    this.preview.hidden = !visible || s.open || !s.preview || s.mode !== 'chat';
    if (s.preview && (prev?.preview !== s.preview || prev.open)) {
      const close = h('button', { class: 'x', type: 'button', 'aria-label': this.t.close, onclick: (e: Event) => (e.stopPropagation(), this.act.dismissPreview()) }, icon('close', 14));
      this.preview.setAttribute('aria-label', this.t.newMessageFrom(s.preview.name));
      this.preview.replaceChildren(avatar(s.preview.name, s.preview.avatarUrl, this.baseUrl, true), h('div', null, h('div', { class: 'who' }, s.preview.name), h('div', { class: 'txt' }, s.preview.text)), close);
    }

    this.win.hidden = !visible || !s.open;
    this.renderHead(s);
    const actions = this.slots.composerActions.items();
    const actionsSig = JSON.stringify([this.locale, actions.map((b) => b.id)]);
    if (actionsSig !== this.actionsSig) {
      this.actionsSig = actionsSig;
      this.actions.replaceChildren(...actions.map((b) => this.slotButton(b, 'ib')));
    }
    // The offline form's chunk is fetched when the window first opens on it, not before the launcher
    // shows; once there, the form stays in place (closing keeps its fields and the focus handover).
    const body = s.mode === 'chat' ? this.chatBody : s.open || this.parts.has('offline') ? this.offlineBody() : this.formWait;
    if (this.win.children[1] !== body) {
      this.win.children[1]?.remove();
      this.win.appendChild(body);
    }
    if (s.mode === 'chat') this.renderList(s, !prev?.open && s.open);

    if (prev && s.open && !prev.open) {
      // The visitor opened it: focus the input (the form's first field, maybe once its chunk is here).
      // A window restored open on the next page does not take the page's focus.
      if (s.mode === 'chat') requestAnimationFrame(() => this.input.focus());
      else this.focusForm = true;
    } else if (!s.open && prev?.open && (this.root.getRootNode() as ShadowRoot).activeElement) {
      // Closed from inside (Esc, the close button): focus goes back to what opens it again.
      (s.mode === 'chat' ? this.launcher : this.tab).focus();
    }
    if (this.focusForm) this.focusOfflineForm();
    this.layout();
  }

  /**
   * The window's header: the site's logo (B7), the title — the site's caption, else whom the visitor
   * talks to — and a status line; the operators' faces beside it (in Branded, under the brand band).
   */
  private renderHead(s: ViewState): void {
    const buttons = this.slots.headerButtons.items();
    const sig = JSON.stringify([s.mode, s.online, s.connected, s.operators, this.t.title, this.t.subtitle, this.t.offlineTitle, this.design.logo?.url, this.locale, buttons.map((b) => b.id)]);
    if (sig === this.headSig) return;
    this.headSig = sig;
    const ops = s.mode === 'chat' ? s.operators.slice(0, 3) : [];
    const names = ops.map((o) => o.name).join(', ');
    const title = s.mode === 'offline' ? this.t.offlineTitle : this.t.title || names || this.t.defaultTitle;
    const online = s.mode === 'offline' ? null : !s.connected ? this.t.reconnecting : s.online ? (this.t.title && names) || this.t.online : null;
    const status = this.t.subtitle && s.connected ? this.t.subtitle : online;
    const logoUrl = safeUrl(this.design.logo?.url, this.baseUrl);
    const logo = logoUrl ? h('img', { class: 'logo', src: logoUrl, alt: '', 'data-testid': 'cp-logo' }) : null;
    logo?.addEventListener('error', () => logo.remove(), { once: true });
    const faces = ops.length ? h('div', { class: 'avs' }, ops.map((o) => avatar(o.name, o.avatarUrl, this.baseUrl))) : logo ? null : h('div', { class: 'avs' }, h('div', { class: 'av', 'aria-hidden': 'true' }, s.mode === 'chat' ? chatIcon() : icon('mail')));
    this.head.classList.toggle('has-logo', !!logo);
    this.head.replaceChildren(
      logo ?? '',
      faces ?? '',
      h(
        'div',
        { class: 'ht' },
        h('div', { class: 'ttl', 'data-testid': 'cp-title' }, title),
        status ? h('div', { class: 'st', 'data-testid': 'cp-status' }, online ? h('span', { class: `dot${s.online && s.connected ? '' : ' off'}` }) : null, status) : null,
      ),
      h(
        'div',
        { class: 'hbs' },
        buttons.map((b) => this.slotButton(b, 'hb')),
        h('button', { class: 'hb', type: 'button', 'aria-label': this.t.closeChat, title: this.t.closeChat, 'data-testid': 'cp-close', onclick: () => this.act.toggle(false) }, icon('close')),
      ),
    );
  }

  /** A plugin's button (header or composer slot): its label in the chat's language, its face or the label's first letter. */
  private slotButton(b: WidgetButton, cls: string): HTMLButtonElement {
    const label = b.label[this.locale];
    return h('button', { class: cls, type: 'button', 'aria-label': label, title: label, 'data-testid': `cp-slot-${b.id}`, onclick: () => b.onClick() }, b.icon?.() ?? label.slice(0, 1));
  }

  /** A plugin's message kind drawn by its renderer (the host's slot); its text where none is, or where the renderer fails. */
  private bubble(m: ViewMessage): HTMLElement | null {
    const plugin = m.plugin;
    const renderer = plugin && this.slots.messageKinds.items().find((r) => r.kind === plugin.kind);
    if (renderer) {
      try {
        return h('div', { class: 'bub', 'data-message-kind': plugin.kind }, renderer.render({ kind: plugin.kind, payload: plugin.payload, text: m.text }, this.locale));
      } catch (err) {
        console.warn(`Callpy chat: ${plugin.kind}:`, err);
      }
    }
    return m.text ? h('div', { class: 'bub' }, textParts(m.text)) : null;
  }

  private renderList(s: ViewState, justOpened: boolean): void {
    const l = this.list;
    const atBottom = this.pinned || this.atBottom();
    const wanted: { key: string; sig: string; build: () => HTMLElement }[] = [];
    const note = (key: string, text: string, cls = '', testid = key) => wanted.push({ key, sig: cls + text, build: () => h('div', { class: `note ${cls}`, 'data-testid': `cp-${testid}` }, text) });

    // Issue 9: a returning visitor's earlier dialogs above the current one, a chunk of their own.
    const history = s.history && this.part('history', () => import('./history.js'));
    if (s.history && history) wanted.push(...history.historyRows(s.history, this.t, this.locale, (m) => this.message(m, true, true), () => this.act.earlier()));
    const historyCount = history ? (s.history?.dialogs.length ?? 0) : 0;
    // The greeting reads as the site's own words, not as a system note.
    note('welcome', this.t.welcome, 'hi');
    const ms = s.messages;
    ms.forEach((m, i) => {
      const before = ms[i - 1];
      const after = ms[i + 1];
      const same = (a?: ViewMessage, b?: ViewMessage) => !!a && !!b && a.kind === b.kind && a.name === b.name && Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < GROUP_MS;
      const first = !same(before, m);
      const last = !same(m, after);
      // A plugin's message is drawn again when a renderer for its kind arrives.
      const drawnBy = m.plugin && this.slots.messageKinds.items().findIndex((r) => r.kind === m.plugin?.kind);
      const sig = JSON.stringify([m.text, m.editedAt, m.status, m.error, m.attachments.map((a) => a.url), m.name, m.avatarUrl, first, last, drawnBy]);
      wanted.push({ key: `m:${m.key}`, sig, build: () => this.message(m, first, last) });
    });
    const rows = s.uploads.length ? this.part('uploads', () => import('./upload-row.js')) : null;
    const act = { retry: (key: string) => this.act.retryUpload(key), dismiss: (key: string) => this.act.dismissUpload(key) };
    for (const u of s.uploads) wanted.push({ key: `u:${u.key}`, sig: JSON.stringify([u, !!rows]), build: () => (rows ? rows.uploadRow(u, this.t, this.locale, this.fileLabel(u), act) : h('div')) });
    if (s.dialogClosed) note('closed', this.t.dialogClosed, '', 'closed-note');
    const rating = s.rating;
    const card = rating && this.part('rating', () => import('./rating.js'));
    if (rating) wanted.push({ key: 'rating', sig: JSON.stringify([rating, !!card]), build: () => (card ? card.ratingCard(rating, this.t, (n) => this.act.rate(n)) : h('div')) });
    if (!s.online && s.connected) note('nobody', this.t.nobodyOnline, 'warn');
    if (s.typing) {
      const name = s.typing;
      wanted.push({
        key: 'typing',
        sig: name,
        build: () => h('div', { class: 'typing', 'data-testid': 'cp-typing' }, h('div', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), this.t.typing(name)),
      });
    }

    const els = wanted.map((w) => {
      const old = this.rows.get(w.key);
      if (old && old.sig === w.sig) return old.el;
      const el = w.build();
      if (old) old.el.replaceWith(el);
      this.rows.set(w.key, { sig: w.sig, el });
      return el;
    });
    const keys = new Set(wanted.map((w) => w.key));
    for (const [k, r] of this.rows) {
      if (!keys.has(k)) {
        r.el.remove();
        this.rows.delete(k);
      }
    }
    const before = { height: l.scrollHeight, top: l.scrollTop };
    if (els.some((el, i) => l.children[i] !== el) || l.children.length !== els.length) l.replaceChildren(...els);
    // The visitor's own new message or file always scrolls into view.
    const count = ms.length + s.uploads.length;
    const mine = count > this.lastCount && (s.uploads.length > 0 || ms[ms.length - 1]?.kind === 'visitor');
    this.lastCount = count;
    // Earlier dialogs came in above: what the visitor was looking at stays where it was.
    const grewAbove = historyCount > this.historyCount;
    this.historyCount = historyCount;
    if (grewAbove) {
      l.scrollTop = l.scrollHeight - before.height + before.top;
      this.lastTop = l.scrollTop;
      this.pinned = this.atBottom();
      return;
    }
    if (justOpened || atBottom || mine) this.toBottom();
  }

  /** Only a move up (the visitor's) stops following: content growing below the end leaves scrollTop as it was. */
  private onScroll(): void {
    const top = this.list.scrollTop;
    if (this.atBottom()) this.pinned = true;
    else if (top < this.lastTop) this.pinned = false;
    this.lastTop = top;
  }

  private atBottom(): boolean {
    const l = this.list;
    return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
  }

  private toBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.lastTop = this.list.scrollTop;
    this.pinned = true;
  }

  private message(m: ViewMessage, first: boolean, last: boolean): HTMLElement {
    if (m.kind === 'system') return h('div', { class: 'note', 'data-testid': 'cp-message', 'data-kind': 'system' }, m.text);
    const mine = m.kind === 'visitor';
    const bubble = this.bubble(m);
    const meta = h('div', { class: 'meta' });
    if (m.status === 'failed') {
      // The words per code are a lazy chunk: until it is here (a render later), the general one.
      const words = this.part('reasons', () => import('./reasons.js'));
      const why = `${words ? words.reason(this.locale, m.error, this.t.failed) : this.t.failed}. ${this.t.retry}`;
      meta.appendChild(
        h('button', { class: 'retry', type: 'button', title: why, 'aria-label': why, 'data-testid': 'cp-retry', onclick: () => this.act.retry(m.clientId) }, icon('alert'), this.t.notSent),
      );
    } else if (last || m.status === 'pending' || m.editedAt) {
      append(meta, [m.editedAt ? `${this.t.edited} · ` : '', clock(m.createdAt, this.locale)]);
      if (mine && m.status === 'pending') append(meta, [h('span', { class: 'sr' }, this.t.pending), icon('clock')]);
      else if (mine) {
        const read = m.status === 'read';
        meta.appendChild(h('span', { class: 'ok', title: read ? this.t.read : this.t.sent, 'data-testid': 'cp-receipt' }, h('span', { class: 'sr' }, read ? this.t.read : this.t.sent), icon(read ? 'checks' : 'check')));
      }
    }
    const files = m.attachments.map((a) => this.attachment(a));
    const col = h('div', { class: 'col' }, !mine && first ? h('div', { class: 'nm' }, m.name || this.t.operator) : null, bubble, files, meta.childNodes.length ? meta : null);
    return h(
      'div',
      { class: `row ${mine ? 'v' : 'o'} ${m.status}${first ? ' gap' : ''}`, 'data-testid': 'cp-message', 'data-kind': m.kind, 'data-status': m.status, 'data-id': m.id ?? '' },
      !mine ? (last ? avatar(m.name || this.t.operator, m.avatarUrl, this.baseUrl, true) : h('span', { class: 'sp' })) : null,
      col,
    );
  }

  /** C7: an image as a fixed-size thumbnail (the list does not jump as it loads) that opens full size; any other file as a download chip. */
  private attachment(a: AttachmentDto): HTMLElement | null {
    const href = safeUrl(a.url, this.baseUrl);
    if (!href) return null;
    if (a.isImage) {
      const link = h('a', { class: 'thumb', href, target: '_blank', rel: 'noopener', title: a.name, 'data-testid': 'cp-image' }, h('img', { src: href, alt: a.name, loading: 'lazy', decoding: 'async', width: '220', height: '160' }));
      link.addEventListener('click', (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return; // a new tab, as asked
        e.preventDefault();
        import('./lightbox.js').then(
          ({ openLightbox }) => openLightbox(this.root, { src: href, name: a.name, labels: { close: this.t.close, download: this.t.download }, icon, opener: link }),
          () => open(href, '_blank', 'noopener'),
        );
      });
      return link;
    }
    return h('a', { class: 'chip', href, target: '_blank', rel: 'noopener', download: a.name, title: `${this.t.download}: ${a.name}`, 'data-testid': 'cp-file' }, icon('file', 22), this.fileLabel(a), icon('download', 18));
  }

  private fileLabel(f: { name: string; size: number }): HTMLElement {
    return h('span', { class: 'fn' }, h('span', null, f.name), h('small', null, fileSize(f.size, this.locale)));
  }

  /** Ctrl+V of a screenshot uploads it (C7); text on the clipboard (even beside an image, as office apps put it) pastes as text. */
  private onPaste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    const files = [...(data?.files ?? [])];
    if (!files.length || data?.getData('text/plain')) return;
    e.preventDefault();
    const now = new Date();
    this.act.attach(files.map((f) => (f.type.startsWith('image/') ? new File([f], screenshotName(now, f.type), { type: f.type }) : f)));
  }

  /** Files dropped anywhere on the chat window are sent (C7). */
  private acceptDrops(): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hint = (on: boolean) => this.win.classList.toggle('drop', on);
    const wanted = (e: DragEvent) => this.state?.mode === 'chat' && !!e.dataTransfer?.types.includes('Files');
    this.win.addEventListener('dragover', (e) => {
      if (!wanted(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
      hint(true);
      clearTimeout(timer);
      timer = setTimeout(() => hint(false), DRAG_HINT_MS);
    });
    this.win.addEventListener('drop', (e) => {
      if (!wanted(e)) return;
      e.preventDefault();
      clearTimeout(timer);
      hint(false);
      this.act.attach([...(e.dataTransfer?.files ?? [])]);
    });
  }

  private onInput(): void {
    const ta = this.input;
    ta.style.height = 'auto';
    ta.style.height = `${Math.min(ta.scrollHeight, 120)}px`;
    this.sendButton.disabled = !ta.value.trim();
    this.act.draft(ta.value);
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.onInput();
    this.act.send(text);
    this.input.focus();
  }

  private async toggleEmoji(button: HTMLButtonElement): Promise<void> {
    if (this.emoji) {
      this.emoji.remove();
      this.emoji = null;
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const chunk = await import('./emoji.js');
    if (!this.parts.has('emoji')) {
      adoptCss(this.shadow, chunk.css);
      this.parts.set('emoji', chunk);
    }
    const { emojiPicker } = chunk;
    const close = () => {
      this.emoji?.remove();
      this.emoji = null;
      button.setAttribute('aria-expanded', 'false');
      this.input.focus();
    };
    this.emoji = emojiPicker(
      this.t.emoji,
      (e) => {
        const ta = this.input;
        const at = ta.selectionStart ?? ta.value.length;
        ta.setRangeText(e, at, ta.selectionEnd ?? at, 'end');
        this.onInput();
        ta.focus();
      },
      close,
    );
    this.chatBody.appendChild(this.emoji);
    button.setAttribute('aria-expanded', 'true');
  }

  /** H6: the offline form's body — a lazy chunk, fetched once the window opens in offline mode. */
  private offlineBody(): HTMLElement {
    const chunk = this.part('offline', () => import('./offline-form.js'));
    if (!chunk) return this.formWait;
    this.offline ??= chunk.offlineForm(() => this.t, (fields) => this.act.offline(fields));
    return this.offline.body;
  }

  /**
   * Parts most visitors never see (the offline form, the rating, files on their way, the Branded
   * and Side styles), each a chunk with its own styles: fetched on first need, then the view
   * renders again.
   */
  private part<T extends { css: string }>(name: string, load: () => Promise<T>): T | null {
    if (this.parts.has(name)) return this.parts.get(name) as T | null;
    this.parts.set(name, null);
    load().then(
      (chunk) => {
        adoptCss(this.shadow, chunk.css);
        this.parts.set(name, chunk);
        if (this.state) this.render(this.state);
      },
      (err: unknown) => {
        this.parts.delete(name); // the next render tries again
        console.warn('Callpy chat:', err);
      },
    );
    return null;
  }

  /** Whether the offline form could give way to the chat without losing what the visitor typed (a form never built loses nothing). */
  offlineIdle(): boolean {
    return this.offline?.idle() ?? true;
  }

  private focusOfflineForm(): void {
    if (!this.offline || !this.state?.open) return;
    this.focusForm = false;
    this.offline.first.focus();
  }
}

function chatIcon(): SVGSVGElement {
  const svg = icon('chat', 28);
  svg.classList.add('ic-chat');
  return svg;
}

function textParts(text: string): (Node | string)[] {
  return linkify(text).map((p) => (p.href ? h('a', { href: p.href, target: '_blank', rel: 'noopener noreferrer nofollow ugc' }, p.text) : p.text));
}

/** A4: the operator's photo, or their initials on a colour of their own (kept when the photo fails to load). */
function avatar(name: string, url: string | null, base: string, small = false): HTMLElement {
  const cls = small ? 'av s' : 'av';
  const letters = h('div', { class: `${cls} i`, 'aria-hidden': 'true' }, initials(name));
  // A CSSOM property, not a style attribute: pages with a strict CSP allow the one, not the other.
  letters.style.setProperty('--hue', String(hue(name)));
  const src = safeUrl(url, base);
  if (!src) return letters;
  const img = h('img', { class: cls, src, alt: '', 'aria-hidden': 'true' });
  img.addEventListener('error', () => img.replaceWith(letters), { once: true });
  return img;
}

/** The same name always gets the same hue. */
function hue(name: string): number {
  let n = 0;
  for (const ch of name) n = (n * 31 + ch.charCodeAt(0)) % 360;
  return n;
}
