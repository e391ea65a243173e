import type { AttachmentDto, OperatorCard } from '../shared/chat.protocol.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { append, h, icon, safeUrl } from './dom.js';
import { ACCEPT, formatBytes, screenshotName } from './files.js';
import { clock, type Dict, type Locale } from './i18n.js';
import { linkify } from './linkify.js';
import type { ViewMessage } from './messages.js';
import type { UploadItem } from './uploads.js';
import { FIELD_MAX, validateOffline, type OfflineFields, type OfflineProblems } from './validate.js';

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

/**
 * The widget's DOM inside its shadow root: the launcher (online) or the offline tab, the window
 * with either the conversation or the offline form, and a preview of a message that arrived while
 * the window was closed. Rendering is keyed and incremental, so focus, scroll position and the
 * visitor's draft survive every update. User data only ever goes in as text.
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
  private readonly list = h('div', { class: 'list', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'cp-messages' });
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly comp: HTMLElement;
  private emoji: HTMLElement | null = null;
  private offlineBody: HTMLElement | null = null;
  private readonly rows = new Map<string, { sig: string; el: HTMLElement }>();
  private headSig = '';
  /** Whether the list is scrolled to its end (then new content keeps it there). */
  private pinned = true;
  private lastCount = 0;

  constructor(
    shadow: ShadowRoot,
    private readonly t: Dict,
    private readonly locale: Locale,
    private readonly baseUrl: string,
    private readonly act: ViewActions,
  ) {
    this.root.setAttribute('lang', locale);
    this.launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'data-testid': 'cp-launcher', hidden: true, onclick: () => this.act.toggle(!this.state?.open) });
    this.tab = h('button', { class: 'tab', type: 'button', 'aria-expanded': 'false', 'data-testid': 'cp-offline-tab', hidden: true, onclick: () => this.act.toggle(true) }, icon('mail', 22), t.offlineTab);
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
    this.comp = h('div', { class: 'comp' }, this.input, emojiButton, attachButton, this.sendButton, picker);
    append(this.chatBody, [this.list, this.comp]);
    this.list.addEventListener('scroll', () => (this.pinned = this.atBottom()), { passive: true });
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
    if (!prev || prev.open !== s.open || prev.unread !== s.unread) {
      this.launcher.replaceChildren(s.open ? icon('down', 28) : chatIcon(), this.badge);
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
    const body = s.mode === 'chat' ? this.chatBody : this.offlineForm();
    if (this.win.children[1] !== body) {
      this.win.children[1]?.remove();
      this.win.appendChild(body);
    }
    if (s.mode === 'chat') this.renderList(s, !prev?.open && s.open);

    if (prev && s.open && !prev.open) {
      // The visitor opened it: focus the input. (A window restored open on the next page does not take the page's focus.)
      requestAnimationFrame(() => (s.mode === 'chat' ? this.input : this.offlineBody?.querySelector('input'))?.focus());
    } else if (!s.open && prev?.open && (this.root.getRootNode() as ShadowRoot).activeElement) {
      // Closed from inside (Esc, the close button): focus goes back to what opens it again.
      (s.mode === 'chat' ? this.launcher : this.tab).focus();
    }
  }

  private renderHead(s: ViewState): void {
    const sig = JSON.stringify([s.mode, s.online, s.connected, s.operators]);
    if (sig === this.headSig) return;
    this.headSig = sig;
    const ops = s.operators.slice(0, 3);
    const title = s.mode === 'offline' ? this.t.offlineTitle : ops.length ? ops.map((o) => o.name).join(', ') : this.t.defaultTitle;
    const status = s.mode === 'offline' ? null : !s.connected ? this.t.reconnecting : s.online ? this.t.online : null;
    this.head.replaceChildren(
      ops.length && s.mode === 'chat' ? h('div', { class: 'avs' }, ops.map((o) => avatar(o.name, o.avatarUrl, this.baseUrl))) : h('div', { class: 'avs' }, h('div', { class: 'av', 'aria-hidden': 'true' }, s.mode === 'chat' ? chatIcon() : icon('mail'))),
      h(
        'div',
        { class: 'ht' },
        h('div', { class: 'ttl', 'data-testid': 'cp-title' }, title),
        status ? h('div', { class: 'st', 'data-testid': 'cp-status' }, h('span', { class: `dot${s.online && s.connected ? '' : ' off'}` }), status) : null,
      ),
      h('button', { class: 'hb', type: 'button', 'aria-label': this.t.closeChat, title: this.t.closeChat, 'data-testid': 'cp-close', onclick: () => this.act.toggle(false) }, icon('close')),
    );
  }

  private renderList(s: ViewState, justOpened: boolean): void {
    const l = this.list;
    const atBottom = this.pinned || this.atBottom();
    const wanted: { key: string; sig: string; build: () => HTMLElement }[] = [];
    const note = (key: string, text: string, cls = '', testid = key) => wanted.push({ key, sig: cls + text, build: () => h('div', { class: `note ${cls}`, 'data-testid': `cp-${testid}` }, text) });

    note('welcome', this.t.welcome);
    const ms = s.messages;
    ms.forEach((m, i) => {
      const before = ms[i - 1];
      const after = ms[i + 1];
      const same = (a?: ViewMessage, b?: ViewMessage) => !!a && !!b && a.kind === b.kind && a.name === b.name && Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < GROUP_MS;
      const first = !same(before, m);
      const last = !same(m, after);
      const sig = JSON.stringify([m.text, m.editedAt, m.status, m.error, m.attachments.map((a) => a.url), m.name, m.avatarUrl, first, last]);
      wanted.push({ key: `m:${m.key}`, sig, build: () => this.message(m, first, last) });
    });
    for (const u of s.uploads) wanted.push({ key: `u:${u.key}`, sig: JSON.stringify(u), build: () => this.uploadRow(u) });
    if (s.dialogClosed) note('closed', this.t.dialogClosed, '', 'closed-note');
    if (s.rating) wanted.push({ key: 'rating', sig: JSON.stringify(s.rating), build: () => this.ratingCard(s.rating!) });
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
    if (els.some((el, i) => l.children[i] !== el) || l.children.length !== els.length) l.replaceChildren(...els);
    // The visitor's own new message or file always scrolls into view.
    const count = ms.length + s.uploads.length;
    const mine = count > this.lastCount && (s.uploads.length > 0 || ms[ms.length - 1]?.kind === 'visitor');
    this.lastCount = count;
    if (justOpened || atBottom || mine) this.toBottom();
  }

  private atBottom(): boolean {
    const l = this.list;
    return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
  }

  private toBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.pinned = true;
  }

  private message(m: ViewMessage, first: boolean, last: boolean): HTMLElement {
    if (m.kind === 'system') return h('div', { class: 'note', 'data-testid': 'cp-message', 'data-kind': 'system' }, m.text);
    const mine = m.kind === 'visitor';
    const bubble = m.text ? h('div', { class: 'bub' }, textParts(m.text)) : null;
    const meta = h('div', { class: 'meta' });
    if (m.status === 'failed') {
      const why = `${(m.error && this.t.reasons[m.error]) || this.t.failed}. ${this.t.retry}`;
      meta.appendChild(
        h('button', { class: 'retry', type: 'button', title: why, 'aria-label': why, 'data-testid': 'cp-retry', onclick: () => this.act.retry(m.clientId) }, icon('alert'), this.t.notSent),
      );
    } else if (last || m.status === 'pending' || m.editedAt) {
      append(meta, [m.editedAt ? `${this.t.edited} · ` : '', clock(m.createdAt, this.locale)]);
      if (mine && m.status === 'pending') append(meta, [h('span', { class: 'sr' }, this.t.pending), icon('clock')]);
      else if (mine) meta.appendChild(h('span', { class: 'ok', title: this.t.sent }, icon('check')));
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
      const link = h('a', { class: 'thumb', href, target: '_blank', rel: 'noopener', title: a.name, 'data-testid': 'cp-image' }, h('img', { src: href, alt: a.name, loading: 'lazy', width: '220', height: '160' }));
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
    return h('span', { class: 'fn' }, h('span', null, f.name), h('small', null, formatBytes(f.size, this.t.sizeUnits, this.locale)));
  }

  /** A file on its way: its name, size and a running bar, or why it failed, with retry / dismiss. */
  private uploadRow(u: UploadItem): HTMLElement {
    const failed = u.state === 'failed';
    const why = (u.error && this.t.reasons[u.error]) || u.message || this.t.uploadFailed;
    const button = (label: string, testid: string, onclick: () => void) => h('button', { class: 'link', type: 'button', 'data-testid': testid, onclick }, label);
    const card = h(
      'div',
      { class: 'chip' },
      u.preview ? h('img', { class: 'pv', src: u.preview, alt: '', onerror: (e: Event) => (e.target as Element).replaceWith(icon('file', 22)) }) : icon('file', 22),
      this.fileLabel(u),
      failed ? icon('alert', 18) : h('span', { class: 'bar', role: 'progressbar', 'aria-label': this.t.uploading }),
    );
    const meta = h(
      'div',
      { class: 'meta' },
      failed ? h('span', { class: 'why', role: 'alert' }, why) : this.t.uploading,
      failed && u.retryable ? button(this.t.again, 'cp-upload-retry', () => this.act.retryUpload(u.key)) : null,
      button(failed ? this.t.close : this.t.cancel, 'cp-upload-cancel', () => this.act.dismissUpload(u.key)),
    );
    return h('div', { class: `row v up gap ${failed ? 'failed' : 'pending'}`, 'data-testid': 'cp-upload', 'data-state': u.state }, h('div', { class: 'col' }, card, meta));
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

  private ratingCard(r: RatingView): HTMLElement {
    if (r.state === 'done') return h('div', { class: 'rate', 'data-testid': 'cp-rating' }, h('p', { 'data-testid': 'cp-rating-thanks' }, this.t.rateThanks));
    const stars = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': this.t.rateTitle });
    for (let n = 1; n <= 5; n++) {
      stars.appendChild(
        h('button', { type: 'button', role: 'radio', class: n <= r.value ? 'on' : '', 'aria-checked': String(n === r.value), 'aria-label': this.t.rateStar(n), disabled: r.state === 'sending', 'data-testid': `cp-star-${n}`, onclick: () => this.act.rate(n) }, icon('star')),
      );
    }
    // Hover preview of the value without re-rendering.
    const btns = [...stars.children] as HTMLElement[];
    const paint = (v: number) => btns.forEach((b, i) => b.classList.toggle('on', i < v));
    stars.addEventListener('mouseover', (e) => paint(btns.indexOf((e.target as Element).closest('button') as HTMLElement) + 1 || r.value));
    stars.addEventListener('mouseleave', () => paint(r.value));
    return h('div', { class: 'rate', 'data-testid': 'cp-rating' }, h('p', null, this.t.rateTitle), stars, r.state === 'error' ? h('p', { class: 'err', role: 'alert' }, this.t.rateFailed) : null);
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
    const { emojiPicker } = await import('./emoji.js');
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

  /** H6: the offline form, built once; validation, a sending state, errors, and a thank-you. */
  private offlineForm(): HTMLElement {
    if (this.offlineBody) return this.offlineBody;
    const t = this.t;
    const body = h('div', { class: 'body' });
    const fields: Record<keyof OfflineFields, HTMLInputElement | HTMLTextAreaElement> = {} as never;
    const errors: Partial<Record<keyof OfflineFields, HTMLElement>> = {};
    const field = (key: keyof OfflineFields, label: string, attrs: Record<string, string>, optional = false) => {
      const id = `cp-f-${key}`;
      const input = key === 'text' ? h('textarea', { id, name: key, rows: '3', maxlength: String(FIELD_MAX.text), ...attrs }) : h('input', { id, name: key, maxlength: String(FIELD_MAX[key]), ...attrs });
      input.setAttribute('data-testid', `cp-offline-${key}`);
      fields[key] = input;
      const err = h('div', { class: 'fe', id: `${id}-e`, hidden: true });
      errors[key] = err;
      input.addEventListener('input', () => {
        if (input.getAttribute('aria-invalid') === 'true') show({ ...problems(), [key]: undefined });
      });
      return h('div', { class: 'fld' }, h('label', { for: id }, label, optional ? h('small', null, ` (${t.optional})`) : null), input, err);
    };
    const values = (): OfflineFields => ({ name: fields.name.value.trim(), email: fields.email.value.trim(), phone: fields.phone.value.trim(), text: fields.text.value.trim() });
    const problems = () => validateOffline(values());
    const show = (p: OfflineProblems) => {
      for (const key of Object.keys(fields) as (keyof OfflineFields)[]) {
        const problem = p[key];
        const input = fields[key];
        const err = errors[key]!;
        input.setAttribute('aria-invalid', String(!!problem));
        if (problem) input.setAttribute('aria-describedby', err.id);
        else input.removeAttribute('aria-describedby');
        err.hidden = !problem;
        err.textContent = problem === 'required' ? t.required : problem === 'email' ? t.badEmail : problem === 'phone' ? t.badPhone : problem === 'tooLong' ? t.tooLong(FIELD_MAX[key]) : '';
      }
    };
    const failure = h('p', { class: 'ferr', role: 'alert', hidden: true, 'data-testid': 'cp-offline-error' });
    const button = h('button', { class: 'primary', type: 'submit', 'data-testid': 'cp-offline-submit' }, t.submit);
    const form = h(
      'form',
      { class: 'form', novalidate: true, 'data-testid': 'cp-offline-form' },
      h('p', { class: 'intro' }, t.offlineIntro),
      field('name', t.name, { autocomplete: 'name' }),
      field('email', t.email, { type: 'email', autocomplete: 'email', inputmode: 'email' }),
      field('phone', t.phone, { type: 'tel', autocomplete: 'tel', inputmode: 'tel' }, true),
      field('text', t.message, {}),
      failure,
      button,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (button.disabled) return;
      const p = problems();
      show(p);
      const firstBad = (Object.keys(fields) as (keyof OfflineFields)[]).find((k) => p[k]);
      if (firstBad) return fields[firstBad].focus();
      const v = values();
      failure.hidden = true;
      button.disabled = true;
      button.textContent = t.submitting;
      void this.act.offline(v).then((error) => {
        button.disabled = false;
        button.textContent = t.submit;
        if (error) {
          failure.textContent = error;
          failure.hidden = false;
          return;
        }
        const again = h('button', { class: 'link', type: 'button', 'data-testid': 'cp-offline-again' }, t.another);
        const thanks = h(
          'div',
          { class: 'thanks', role: 'status', 'data-testid': 'cp-offline-thanks' },
          h('div', { class: 'ok' }, icon('check')),
          h('h2', null, t.thanksTitle),
          h('p', null, t.thanksText(v.email)),
          again,
        );
        again.addEventListener('click', () => {
          fields.text.value = '';
          body.replaceChildren(form);
          fields.text.focus();
        });
        body.replaceChildren(thanks);
        again.focus();
      });
    });
    body.appendChild(form);
    this.offlineBody = body;
    return body;
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
