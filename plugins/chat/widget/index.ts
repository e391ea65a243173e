import { DEFAULT_DESIGN, type WidgetDesign } from '../../../widget/src/design.js';
import type { WidgetApi, WidgetTeardown } from '../../../widget/src/widget-api.js';
import type { Ack, ActivityState, DialogDto, EarlierDialogDto, MessageDto, OperatorCard, ServerToVisitor, VisitorState, VisitorToServer } from '../shared/chat.protocol.js';
import { CHAT_HTTP, CHAT_LIMITS } from '../shared/chat.protocol.js';
import { adoptCss } from './dom.js';
import { fileProblem } from './files.js';
import type { HistoryView } from './history.js';
import { dict } from './i18n.js';
import { withCaptions } from './look.js';
import { MessageStore } from './messages.js';
import { messagePayload, Outbox } from './outbox.js';
import { PendingId } from './pending-id.js';
import { currentActivity, trackPresence } from './presence.js';
import { readJson, writeJson, type KeyValue } from './storage.js';
import { css } from './styles.js';
import { draftThrottle } from './typing.js';
import type { Uploads } from './uploads.js';
import type { OfflineFields } from './validate.js';
import { ChatView, type Mode, type RatingView, type ViewState } from './view.js';

/** What survives a reload or the next page, per site (the loader keeps the visitor token itself). */
interface Saved {
  open?: boolean;
  online?: boolean;
  operators?: OperatorCard[];
  /** createdAt of the newest message the visitor has seen with the window open. */
  seenAt?: string;
  /** The dialog whose rating was requested and not given yet: paints the question before the hello state (the server's word) arrives. */
  ratingFor?: string;
}

/** After this long without a connection we stop claiming someone is online. */
const OFFLINE_AFTER_MS = 10_000;
/** How long the widget may stay invisible while the first connection neither opens nor fails. */
const UNKNOWN_AFTER_MS = 5_000;
/** After the server closes our socket on purpose we try again once this long later. */
const RECONNECT_AFTER_KICK_MS = 5_000;
/** A typing indicator nobody switches off ends by itself. */
const TYPING_MAX_MS = 8_000;

function storage(): KeyValue | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/**
 * The chat plugin's visitor side (B2, C3–C15, H6): the host imports this chunk and calls it with
 * the visitor's session. One host element, one shadow root, the namespace `/chat` on the visitor's
 * one connection; other plugins' buttons and message kinds come through the host's slots.
 * Switched off on an open page (A7), its teardown takes the element, its timers and uploads away;
 * the host leaves `/chat` (operators see the visitor go) and drops its slot watcher. What the outbox
 * keeps in storage is sent when the chat comes back.
 */
export default function mount(api: WidgetApi): WidgetTeardown | void {
  if (document.querySelector('callpy-chat')) return;
  // A8: the site's chat language, from the session and then live (`site.updated`).
  let locale: 'ru' | 'en' = api.session.locale === 'en' ? 'en' : 'ru';
  // B3–B8: the site's design (checked by the core), from the session and then live (`design.updated`, or the preview's).
  let design = api.session.design ?? DEFAULT_DESIGN;
  let t = withCaptions(dict(locale), design.captions[locale]);
  // The preview keeps nothing: the admin's test messages must not come back on the next visit.
  const kv = api.preview ? null : storage();
  const stateKey = `callpy:${api.siteKey}:chat`;
  const saved: Saved = readJson<Saved>(kv, stateKey) ?? {};
  const save = () => writeJson(kv, stateKey, saved);

  const host = document.createElement('callpy-chat');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptCss(shadow, css);

  // ---- state ----
  let connected = false;
  let everConnected = false;
  let helloDone = false;
  let online = saved.online ?? null;
  let operators: OperatorCard[] = saved.operators ?? [];
  // The window stays open across pages, except on phones, where it would cover every new page.
  let open = (saved.open ?? false) && !matchMedia('(max-width: 480px)').matches;
  let mode: Mode = online ? 'chat' : 'offline';
  let dialog: Pick<DialogDto, 'id' | 'status' | 'visitorReadAt' | 'operatorReadAt'> | null = null;
  /** Read receipts: the operator message last reported read, so each is reported once. */
  let reported: string | null = null;
  let typing: string | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;
  let rating: (RatingView & { dialogId: string }) | null = saved.ratingFor ? { dialogId: saved.ratingFor, state: 'ask', value: 0 } : null;
  let preview: ViewState['preview'] = null;
  // Issue 9: whether the visitor has closed dialogs, and those loaded so far (oldest first).
  let earlier = false;
  let history: HistoryView = { dialogs: [], more: true, loading: false };
  const store = new MessageStore();

  // On the visitor's one connection (the host's; in the design page's preview it never connects).
  const socket = api.host.socket<ServerToVisitor, VisitorToServer>('/chat');
  // The preview shows itself connected but sends nothing anywhere (its socket never connects).
  const ready = () => connected && helloDone && !api.preview;

  const outbox = new Outbox(
    kv,
    `${stateKey}:outbox`,
    { ready, send: (e, ack) => socket.emit('message.send', messagePayload(e), ack) },
    {
      changed: () => render(),
      acked: (m) => {
        received(m);
        render();
      },
    },
  );

  // C7: the upload queue is a lazy chunk, loaded with the visitor's first file.
  let uploads: Uploads | null = null;
  let uploadsChunk: Promise<Uploads> | null = null;
  const loadUploads = () =>
    (uploadsChunk ??= import('./uploads.js').then(
      ({ Uploads, uploadFile }) =>
        (uploads = new Uploads(fileProblem, (file, signal) => uploadFile(`${api.baseUrl}${CHAT_HTTP.visitorUpload}`, api.session.visitorToken, file, signal), {
          changed: () => render(),
          // Uploaded = stored on the server: from here the outbox owns it (clientId, retries, reloads).
          uploaded: (attachment) => outbox.add('', [attachment]),
        })),
      (err: unknown) => {
        uploadsChunk = null; // the next file tries again
        throw err;
      },
    ));
  const offlineId = new PendingId(kv, `${stateKey}:offline`);

  const view = new ChatView(shadow, t, locale, api.baseUrl, design, api.host.slots, {
    toggle: (next) => {
      if (next === open) return;
      open = next;
      saved.open = open;
      if (open) {
        preview = null;
        markSeen();
      } else decideMode();
      save();
      activity(currentActivity());
      render();
    },
    send: (text) => {
      drafts.sent();
      outbox.add(text);
    },
    retry: (clientId) => outbox.retry(clientId),
    attach: (files) => void loadUploads().then((u) => u.add(files), (err: unknown) => console.warn('Callpy chat:', err)),
    retryUpload: (key) => uploads?.retry(key),
    dismissUpload: (key) => uploads?.dismiss(key),
    draft: (text) => drafts.input(text),
    rate: (stars) => {
      if (!rating || rating.state === 'sending') return;
      const r = rating;
      rating = { ...r, state: 'sending', value: stars };
      render();
      void request((done) => socket.emit('rating.submit', { dialogId: r.dialogId, rating: stars }, done)).then((ack) => {
        if (rating?.dialogId !== r.dialogId) return;
        rating = { ...r, value: stars, state: ack?.ok ? 'done' : 'error' };
        if (ack?.ok) delete saved.ratingFor;
        save();
        render();
      });
    },
    offline: async (fields: OfflineFields) => {
      if (!connected) return t.submitFailed;
      // A retry of the same form (no answer, a reload) reuses the clientId, so the mail goes out once.
      const clientId = offlineId.for(fields);
      const ack = await request(
        (done) => socket.emit('offline.submit', { clientId, name: fields.name, email: fields.email, ...(fields.phone ? { phone: fields.phone } : {}), text: fields.text }, done),
        CHAT_LIMITS.ackTimeoutMs * 2,
      );
      if (ack?.ok) offlineId.done();
      if (ack && !ack.ok && ack.error.code === 'chat_online') {
        // Someone answers after all (our "nobody online" was stale): the request goes to the chat as a message.
        offlineId.done();
        outbox.add(fields.text);
        setOnline(true);
        mode = 'chat';
        render();
        return null;
      }
      if (ack?.ok) return null;
      // The words per code are a lazy chunk: a refusal is rare, and waits for them.
      const words = await import('./reasons.js').catch(() => null);
      return words ? words.reason(locale, ack?.error.code, t.submitFailed) : t.submitFailed;
    },
    dismissPreview: () => {
      preview = null;
      render();
    },
    earlier: () => {
      if (history.loading || !history.more || !ready()) return;
      history = { ...history, loading: true };
      render();
      const before = history.dialogs[0]?.id;
      void request<{ dialogs: EarlierDialogDto[]; more: boolean }>((done) => socket.emit('visitor.history', before ? { before } : {}, done)).then((ack) => {
        // Newest first from the server; shown oldest first, above what was loaded.
        history = ack?.ok ? { dialogs: [...ack.data.dialogs].reverse().concat(history.dialogs), more: ack.data.more, loading: false } : { ...history, loading: false };
        render();
      });
    },
  });

  const drafts = draftThrottle((draft) => ready() && socket.emit('typing', { draft }, noop), 300, CHAT_LIMITS.draftLength);

  function render(): void {
    markRead();
    const messages = store.view(outbox.items(), dialog?.operatorReadAt ?? null);
    const pendingFiles = uploads?.items() ?? [];
    const seenAt = saved.seenAt ?? '';
    // The header shows whom the visitor talks to (the last operator who wrote, while online), else who is online.
    const lastAuthor = messages.filter((m) => m.kind === 'operator').at(-1)?.userId;
    const talking = operators.find((o) => o.id === lastAuthor);
    view.render({
      known: online !== null,
      mode,
      open,
      connected,
      online: !!online,
      operators: talking ? [talking] : operators,
      messages,
      uploads: pendingFiles,
      // A message on its way after the close starts the next dialog: the note would sit below it.
      dialogClosed: dialog?.status === 'closed' && !outbox.items().length && !pendingFiles.length,
      typing,
      rating,
      unread: open ? 0 : messages.filter((m) => m.kind === 'operator' && m.createdAt > seenAt).length,
      preview,
      // A dialog closed during this visit is still in the list below: not twice.
      history: earlier ? { ...history, dialogs: history.dialogs.filter((d) => d.id !== dialog?.id) } : null,
    });
  }

  /** Read receipts: with the window open on a visible tab, the newest operator message is read. */
  function markRead(): void {
    if (!open || mode !== 'chat' || document.visibilityState !== 'visible' || !ready() || !dialog) return;
    const last = store
      .view([])
      .filter((m) => m.kind === 'operator' && m.id)
      .at(-1);
    if (!last?.id || last.id === reported || last.createdAt <= (dialog.visitorReadAt ?? '')) return;
    const id = (reported = last.id);
    // Not stored (a refusal, no answer): the next render tries again.
    void request<null>((done) => socket.emit('messages.read', { messageId: id }, done)).then((ack) => !ack?.ok && reported === id && (reported = null));
  }

  /**
   * The launcher shows while someone is online; otherwise the offline form (B2). An open window
   * keeps its content — except that an operator coming online takes the visitor from an offline
   * form with nothing to lose (its thanks screen, or nothing typed) to the chat (issue 9).
   */
  function decideMode(): void {
    if (!open || (online && mode === 'offline' && view.offlineIdle())) mode = online ? 'chat' : 'offline';
  }

  function setOnline(next: boolean, ops?: OperatorCard[]): void {
    online = next;
    if (ops) operators = ops;
    saved.online = next;
    saved.operators = operators;
    save();
    decideMode();
  }

  function markSeen(): void {
    const last = store.view([]).at(-1)?.createdAt;
    if (last && last > (saved.seenAt ?? '')) {
      saved.seenAt = last;
      save();
    }
  }

  function received(m: MessageDto): void {
    store.upsert(m);
    outbox.confirm(m.clientId);
    if (!dialog || dialog.id !== m.dialogId) {
      dialog = { id: m.dialogId, status: 'open', visitorReadAt: null, operatorReadAt: null };
      if (rating && rating.dialogId !== m.dialogId && rating.state !== 'ask') rating = null;
    } else dialog.status = 'open';
    if (m.author.kind === 'operator') {
      typing = null;
      if (!open) preview = { name: m.author.name || t.operator, text: m.text || (m.attachments[0]?.name ?? t.attachment), avatarUrl: m.author.avatarUrl };
    }
    if (open) markSeen();
  }

  /** Who is typing: the operator who wrote last, the only one online, or just "an operator". */
  function typingName(): string {
    const last = store
      .view([])
      .filter((m) => m.kind === 'operator' && m.name)
      .at(-1);
    return last?.name ?? (operators.length === 1 ? operators[0]!.name : t.operator);
  }

  function activity(state: ActivityState): void {
    if (ready()) socket.emit('visitor.activity', { state, chatOpen: open }, noop);
  }

  /** C15: show the rating question (and, with the window closed, a preview of it). */
  function askRating(dialogId: string): void {
    if (rating?.dialogId === dialogId && rating.state !== 'done') return;
    rating = { dialogId, state: 'ask', value: 0 };
    saved.ratingFor = dialogId;
    save();
    if (!open) preview = { name: operators[0]?.name ?? t.operator, text: t.rateTitle, avatarUrl: operators[0]?.avatarUrl ?? null };
  }

  function applyState(s: VisitorState): void {
    setOnline(s.online, s.operators);
    earlier = s.earlier;
    dialog = s.dialog ? { id: s.dialog.id, status: s.dialog.status, visitorReadAt: s.dialog.visitorReadAt, operatorReadAt: s.dialog.operatorReadAt } : null;
    store.reset(s.messages);
    for (const m of s.messages) outbox.confirm(m.clientId);
    // The server knows whether a rating is still wanted (asked on another page, given in another tab).
    if (s.ratingRequestedFor) askRating(s.ratingRequestedFor);
    else if (rating && rating.state !== 'done' && rating.state !== 'sending') {
      rating = null;
      delete saved.ratingFor;
      save();
    }
    if (open) markSeen();
  }

  // ---- presence ----
  const presence = trackPresence(api.host.onNavigate, {
    page: (p) => ready() && socket.emit('visitor.page', p, noop),
    activity,
  });
  api.host.slots.changed(() => render());

  // ---- socket ----
  socket.on('connect', () => {
    connected = true;
    everConnected = true;
    helloDone = false;
    clearTimeout(offlineTimer);
    socket.emit('visitor.hello', { page: presence.page(), activity: currentActivity(), chatOpen: open }, (ack: Ack<VisitorState>) => {
      if (!socket.connected) return;
      helloDone = true;
      if (ack.ok) applyState(ack.data);
      else {
        console.warn('Callpy chat:', ack.error.message);
        setOnline(false);
      }
      if (open) activity(currentActivity());
      outbox.flush();
      render();
    });
    render();
  });
  socket.on('disconnect', (reason) => {
    connected = false;
    // socket.io gives up after a server-side disconnect; a restarting server is worth another try.
    if (reason === 'io server disconnect') kickTimer = setTimeout(() => socket.connect(), RECONNECT_AFTER_KICK_MS);
    helloDone = false;
    typing = null;
    clearTimeout(offlineTimer);
    offlineTimer = setTimeout(() => {
      setOnline(false);
      render();
    }, OFFLINE_AFTER_MS);
    render();
  });
  socket.on('connect_error', (err) => {
    connected = false;
    // Offline first: with no connection the visitor gets the offline form at once. A refusal
    // (not a network error) is final for socket.io: say it once, quietly, as the loader does.
    if (!socket.active) console.warn('Callpy chat:', err.message);
    // A cached "online" from the last page is not trusted until this page has connected once.
    if (!everConnected || !socket.active) setOnline(false);
    render();
  });
  // A connection that neither opens nor fails (packets dropped somewhere) must not hide the widget.
  const unknownTimer = setTimeout(() => {
    if (online !== null) return;
    setOnline(false);
    render();
  }, UNKNOWN_AFTER_MS);
  socket.on('message.created', (m) => {
    received(m);
    render();
  });
  socket.on('message.updated', (m) => {
    if (store.upsert(m, { onlyExisting: true })) render();
  });
  socket.on('operators.changed', (p) => {
    setOnline(p.online, p.operators);
    render();
  });
  socket.on('operator.typing', (p) => {
    if (dialog && p.dialogId !== dialog.id) return;
    clearTimeout(typingTimer);
    typing = p.typing ? typingName() : null;
    if (typing) typingTimer = setTimeout(() => ((typing = null), render()), TYPING_MAX_MS);
    render();
  });
  socket.on('rating.requested', (p) => {
    askRating(p.dialogId);
    render();
  });
  socket.on('design.updated', (next) => restyle(next));
  socket.on('site.updated', (p) => {
    const next = p.locale === 'en' ? 'en' : 'ru';
    if (next === locale) return;
    locale = next;
    t = withCaptions(dict(locale), design.captions[locale]);
    view.setLanguage(locale, t);
    render();
  });
  socket.on('dialog.read', (p) => {
    if (dialog?.id !== p.dialogId) return;
    const field = p.side === 'visitor' ? 'visitorReadAt' : 'operatorReadAt';
    if ((dialog[field] ?? '') < p.readAt) dialog[field] = p.readAt;
    render();
  });
  // A tab coming back into view reads what arrived while it was hidden.
  document.addEventListener('visibilitychange', () => render(), { signal: api.host.signal });
  socket.on('dialog.closed', (p) => {
    if (dialog?.id === p.dialogId) dialog.status = 'closed';
    typing = null;
    render();
  });

  function request<T>(emit: (done: (r: Ack<T>) => void) => void, timeoutMs: number = CHAT_LIMITS.ackTimeoutMs): Promise<Ack<T> | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      emit((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  function restyle(next: WidgetDesign): void {
    design = next;
    t = withCaptions(dict(locale), design.captions[locale]);
    view.setDesign(design, t);
    render();
  }

  // The design page's preview: a sample conversation, the panel's design, a draggable launcher (a lazy chunk).
  if (api.preview) {
    const preview = api.preview;
    void import('./preview.js').then(({ startPreview }) =>
      startPreview(preview, view, locale, (next, state, openNow) => {
        connected = helloDone = true;
        applyState(state);
        mode = state.online ? 'chat' : 'offline';
        if (openNow !== undefined) open = openNow;
        restyle(next);
      }),
    );
  }

  const attach = () => {
    document.body.appendChild(host);
    render();
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true, signal: api.host.signal });

  return () => {
    // Nothing is sent from here on (a typing draft or a read receipt on its timer, the outbox).
    connected = helloDone = false;
    presence.stop();
    for (const timer of [typingTimer, offlineTimer, kickTimer, unknownTimer]) clearTimeout(timer);
    // The last first: dismissing the one under way would start the next.
    for (const u of (uploads?.items() ?? []).reverse()) uploads?.dismiss(u.key);
    host.remove();
  };
}

function noop(): void {}
