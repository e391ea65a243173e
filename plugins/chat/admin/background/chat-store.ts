import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { AuthService } from '../../../../admin-ui/src/app/plugin-api';
import {
  CHAT_LIMITS,
  type DepartmentDto,
  type DialogCounts,
  type DialogDto,
  type DialogRead,
  type DialogSection,
  type MessageDto,
  type OperatorDto,
  type OperatorStatus,
  type PageView,
  type QuickReplyDto,
  type TemplateDto,
  type VisitorArrival,
  type VisitorDto,
  type VisitorPresence,
} from '../../shared/chat.protocol';
import { belongsTo, byLastActivity } from '../workplace/sections';
import { readUserValue, writeUserValue } from './user-storage';

export interface OpenDialog {
  dialog: DialogDto;
  visitor: VisitorDto;
  messages: MessageDto[];
}

export type ChatTab = 'dialogs' | 'visitors';

/** What a visitor is typing (C6), and in which of their dialogs (null: before they had one). */
export interface VisitorDraft {
  dialogId: string | null;
  text: string;
}

/** The newest message heard of in a dialog, and whether the dialog is open (what can be unread). */
interface Latest {
  id: string;
  createdAt: string;
  fromVisitor: boolean;
  dialogOpen: boolean;
}

const EMPTY_COUNTS: DialogCounts = { mine: 0, common: 0, archive: 0, important: 0, blocked: 0 };
/** How many dialogs' "last seen message" marks are remembered. */
const SEEN_KEPT = 300;
const CLOCK_TICK_MS = 15_000;

/**
 * The chat view's state, as signals: what the server said (lists, the open dialog, drafts, counters)
 * and what the operator picked (tab, section, visitor). It applies server events to itself; it never
 * talks to the network (ChatSync does).
 */
@Injectable()
export class ChatStore {
  private readonly auth = inject(AuthService);
  readonly me = computed(() => this.auth.user()?.id ?? 0);

  readonly tab = signal<ChatTab>('dialogs');
  readonly section = signal<DialogSection>('mine');
  readonly counts = signal<DialogCounts>(EMPTY_COUNTS);
  /** The dialogs of the current section; null while loading. */
  readonly dialogs = signal<readonly DialogDto[] | null>(null);
  /** Visitors on the sites now (and those who left recently); null while loading. */
  readonly visitors = signal<readonly VisitorDto[] | null>(null);
  readonly operators = signal<readonly OperatorDto[]>([]);
  readonly departments = signal<readonly DepartmentDto[]>([]);
  readonly replies = signal<readonly QuickReplyDto[]>([]);
  readonly templates = signal<readonly TemplateDto[]>([]);
  readonly myStatus = signal<OperatorStatus>('offline');
  readonly open = signal<OpenDialog | null>(null);
  /** The dialog being fetched by `dialog.open`. */
  readonly opening = signal<string | null>(null);
  /** A visitor picked in the Visitors tab (their card shows while no dialog is open). */
  readonly selectedVisitorId = signal<string | null>(null);
  /** What each visitor is typing now (C6), by visitor id. */
  readonly drafts = signal<ReadonlyMap<string, VisitorDraft>>(new Map());
  /** Bumped by the toolbar's "Rename": the card focuses the name field. */
  readonly renameRequests = signal(0);
  /** A clock for "time on site", "5 min ago" and the edit window; ticks every few seconds. */
  readonly now = signal(Date.now());
  /** The last message of each dialog the operator has seen, by dialog id (the unread dot). */
  private readonly seen = signal<Readonly<Record<string, string>>>({});
  /**
   * Whether the chat page is on screen. The store outlives it (the chat's background part keeps it
   * on every page): while another page shows, the open dialog is not being read.
   */
  private readonly shown = signal(false);
  readonly viewing = this.shown.asReadonly();
  /** The newest message of every dialog heard of since sign-in (lists, events), by dialog id. */
  private readonly latest = signal<ReadonlyMap<string, Latest>>(new Map());

  /** Open dialogs whose newest message is a visitor's the operator has not seen: the tab title's count. */
  readonly unreadCount = computed(() => {
    const seen = this.seen();
    const reading = this.shown() ? this.open()?.dialog.id : undefined;
    let count = 0;
    for (const [id, last] of this.latest()) if (last.fromVisitor && last.dialogOpen && id !== reading && seen[id] !== last.id) count++;
    return count;
  });

  readonly visitorsById = computed(() => new Map((this.visitors() ?? []).map((v) => [v.id, v])));
  /** C3: visitors on the site that nobody has talked to yet. */
  readonly newVisitors = computed(() => (this.visitors() ?? []).filter((v) => !v.engaged && !v.blocked && v.activity !== 'left').length);
  /** C11: the operator's quick replies, most used first. */
  readonly sortedReplies = computed(() => [...this.replies()].sort((a, b) => b.uses - a.uses || a.text.localeCompare(b.text)));
  /** C14: colleagues a dialog can be handed to now. */
  readonly transferOperators = computed(() => this.operators().filter((o) => o.id !== this.me() && o.status === 'online' && o.connected));
  readonly cardVisitor = computed(() => {
    const open = this.open();
    if (open) return open.visitor;
    const id = this.selectedVisitorId();
    return id ? (this.visitorsById().get(id) ?? null) : null;
  });
  readonly openDraft = computed(() => {
    const open = this.open();
    return open ? (this.drafts().get(open.visitor.id)?.text ?? '') : '';
  });

  constructor() {
    this.seen.set(readUserValue<Record<string, string>>('seen', this.me()) ?? {});
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(clock));
  }

  /** The chat page shows (true) or went (false); showing again marks the open dialog read. */
  setViewing(shown: boolean): void {
    this.shown.set(shown);
    const open = this.open();
    if (shown && open) this.markSeen(open.dialog);
  }

  /** A section's list as fetched: its dialogs' newest messages count towards the unread total. */
  setDialogs(list: readonly DialogDto[]): void {
    this.dialogs.set(list);
    for (const dialog of list) this.noteDialog(dialog);
  }

  isUnread(dialog: DialogDto): boolean {
    const last = dialog.lastMessage;
    return !!last && last.author.kind === 'visitor' && this.open()?.dialog.id !== dialog.id && this.seen()[dialog.id] !== last.id;
  }

  markSeen(dialog: DialogDto): void {
    const last = dialog.lastMessage;
    if (!last || this.seen()[dialog.id] === last.id) return;
    const entries = Object.entries({ ...this.seen(), [dialog.id]: last.id });
    const kept = Object.fromEntries(entries.slice(-SEEN_KEPT));
    this.seen.set(kept);
    writeUserValue('seen', this.me(), kept);
  }

  visitorBlocked(visitorId: string): boolean | undefined {
    const open = this.open();
    if (open?.visitor.id === visitorId) return open.visitor.blocked;
    return this.visitorsById().get(visitorId)?.blocked;
  }

  /**
   * A dialog changed: update it wherever it is shown. Returns true when the current section's list
   * cannot be kept right from this alone and should be fetched again.
   */
  applyDialog(dialog: DialogDto): boolean {
    this.clearDraftSentBefore(dialog);
    this.noteDialog(dialog);
    this.noteVisitorDialog(dialog);
    this.open.update((open) => (open?.dialog.id === dialog.id ? { ...open, dialog } : open));
    if (this.shown() && this.open()?.dialog.id === dialog.id) this.markSeen(dialog);
    const list = this.dialogs();
    if (!list) return false;
    const fits = belongsTo(this.section(), dialog, this.me(), this.visitorBlocked(dialog.visitorId));
    if (fits === undefined) return true;
    const others = list.filter((d) => d.id !== dialog.id);
    this.dialogs.set(fits ? [dialog, ...others].sort(byLastActivity) : others);
    return false;
  }

  applyVisitor(visitor: VisitorDto): void {
    this.visitors.update((list) => {
      if (!list) return list;
      const known = list.some((v) => v.id === visitor.id);
      return known ? list.map((v) => (v.id === visitor.id ? visitor : v)) : [visitor, ...list];
    });
    this.open.update((open) => (open?.visitor.id === visitor.id ? { ...open, visitor } : open));
    // A rename shows in the dialog list at once.
    this.dialogs.update((list) => list?.map((d) => (d.visitorId === visitor.id && d.visitorName !== visitor.name ? { ...d, visitorName: visitor.name } : d)) ?? null);
  }

  /** `visitor.pageViewed`: the visitor's new page joins the history the panel already has. */
  applyPageView(visitorId: string, view: PageView, lastSeenAt: string): void {
    this.changeVisitor(visitorId, (v) => withPageView(v, view, lastSeenAt));
  }

  /** `visitor.presence`: a visitor the panel knows hid or showed their tab, opened or closed the chat, or left. */
  applyPresence(presence: VisitorPresence): void {
    this.changeVisitor(presence.visitorId, (v) => withPresence(v, presence));
  }

  /** The visitor as the panel has them (listed, or in the open dialog), if it does. */
  knownVisitor(visitorId: string): VisitorDto | undefined {
    const open = this.open();
    return this.visitorsById().get(visitorId) ?? (open?.visitor.id === visitorId ? open.visitor : undefined);
  }

  /** Changes a visitor wherever the panel shows them; one it does not know stays unknown. */
  private changeVisitor(visitorId: string, change: (v: VisitorDto) => VisitorDto): void {
    this.visitors.update((list) => list?.map((v) => (v.id === visitorId ? change(v) : v)) ?? null);
    this.open.update((open) => (open?.visitor.id === visitorId ? { ...open, visitor: change(open.visitor) } : open));
  }

  /**
   * A new or edited message: in the open dialog, and as its dialog's last message in the list (which
   * moves it up and marks it unread); a visitor's message ends their draft. The server sends no
   * `dialog.updated` for it. Returns true when the list should be fetched again: a full list may have
   * left out an older dialog of this section that the message now moves up.
   */
  applyMessage(message: MessageDto): boolean {
    this.open.update((open) => {
      if (open?.dialog.id !== message.dialogId) return open;
      const exists = open.messages.some((m) => m.id === message.id);
      const messages = exists ? open.messages.map((m) => (m.id === message.id ? message : m)) : [...open.messages, message];
      return { ...open, messages, dialog: withLastMessage(open.dialog, message) };
    });
    // A visitor writing into a dialog means it is open (a message into a closed one reopens it).
    this.noteLatest(message.dialogId, message, message.author.kind === 'visitor' || (this.latest().get(message.dialogId)?.dialogOpen ?? true));
    const open = this.open();
    if (this.shown() && open?.dialog.id === message.dialogId) this.markSeen(open.dialog);
    if (message.author.kind === 'visitor') this.dropDrafts((d) => d.dialogId === message.dialogId);
    const list = this.dialogs();
    const listed = list?.find((d) => d.id === message.dialogId);
    if (!list || !listed) return !!list && list.length >= CHAT_LIMITS.dialogsListed;
    const updated = withLastMessage(listed, message);
    if (updated !== listed) this.dialogs.set(list.map((d) => (d === listed ? updated : d)).sort(byLastActivity));
    return false;
  }

  /** Read receipts: a side's mark moved; the open dialog's messages show it. */
  applyRead({ dialogId, side, readAt }: DialogRead): void {
    const field = side === 'visitor' ? 'visitorReadAt' : 'operatorReadAt';
    this.open.update((open) => (open?.dialog.id === dialogId && (open.dialog[field] ?? '') < readAt ? { ...open, dialog: { ...open.dialog, [field]: readAt } } : open));
  }

  /** Keeps each listed visitor's open dialog right as dialogs open and close (no visitor event says so). */
  private noteVisitorDialog(dialog: DialogDto): void {
    const visitor = this.visitorsById().get(dialog.visitorId);
    if (!visitor) return;
    const openDialogId = dialog.status === 'open' ? dialog.id : visitor.openDialogId === dialog.id ? null : visitor.openDialogId;
    if (openDialogId !== visitor.openDialogId) this.applyVisitor({ ...visitor, openDialogId });
  }

  private noteDialog(dialog: DialogDto): void {
    this.noteLatest(dialog.id, dialog.lastMessage, dialog.status === 'open');
  }

  /** Keeps the newer of what is known and `message` (a list fetched late must not win over a live event). */
  private noteLatest(dialogId: string, message: MessageDto | null, dialogOpen: boolean): void {
    const known = this.latest().get(dialogId);
    const newer = message && (!known || message.createdAt >= known.createdAt);
    const next: Latest | undefined = newer
      ? { id: message.id, createdAt: message.createdAt, fromVisitor: message.author.kind === 'visitor', dialogOpen }
      : known && { ...known, dialogOpen };
    if (!next || (known && known.id === next.id && known.dialogOpen === next.dialogOpen && known.fromVisitor === next.fromVisitor)) return;
    this.latest.set(new Map(this.latest()).set(dialogId, next));
  }

  applyDraft(visitorId: string, dialogId: string | null, text: string): void {
    const drafts = new Map(this.drafts());
    if (text) drafts.set(visitorId, { dialogId, text });
    else drafts.delete(visitorId);
    this.drafts.set(drafts);
  }

  /**
   * A draft typed before the visitor had a dialog was sent when a dialog of theirs is open with
   * their message last: that message opened it (while a dialog is open, drafts name it, and its
   * messages clear them in `applyMessage`).
   */
  private clearDraftSentBefore(dialog: DialogDto): void {
    const draft = this.drafts().get(dialog.visitorId);
    if (draft?.dialogId === null && dialog.status === 'open' && dialog.lastMessage?.author.kind === 'visitor') {
      this.dropDrafts((_d, visitorId) => visitorId === dialog.visitorId);
    }
  }

  private dropDrafts(matches: (draft: VisitorDraft, visitorId: string) => boolean): void {
    const kept = [...this.drafts()].filter(([visitorId, draft]) => !matches(draft, visitorId));
    if (kept.length !== this.drafts().size) this.drafts.set(new Map(kept));
  }

  applyOperatorStatus(userId: number, status: OperatorStatus): void {
    this.operators.update((list) => list.map((o) => (o.id === userId ? { ...o, status } : o)));
    if (userId === this.me()) this.myStatus.set(status);
  }
}

/** The dialog with `message` as its last one when it is that (newer, or the last one edited); else the same object. */
function withLastMessage(dialog: DialogDto, message: MessageDto): DialogDto {
  const last = dialog.lastMessage;
  if (last && last.id !== message.id && last.createdAt > message.createdAt) return dialog;
  return { ...dialog, lastMessage: message };
}

/** The visitor after `visitor.presence`; leaving ends their open page view when they left, as the server stores it. */
export function withPresence(visitor: VisitorDto, { activity, chatOpen, lastSeenAt }: VisitorPresence): VisitorDto {
  const pages = activity === 'left' ? visitor.pages.map((p) => (p.leftAt === null ? { ...p, leftAt: lastSeenAt } : p)) : visitor.pages;
  return { ...visitor, activity, chatOpen, lastSeenAt, pages };
}

/**
 * The visitor after `visitor.arrived`: the fields as sent, the history the panel has (none for a
 * visitor it did not know) with the new view appended.
 */
export function withArrival(known: VisitorDto | undefined, { visitor, view }: VisitorArrival): VisitorDto {
  return withPageView({ ...visitor, page: null, pages: known?.pages ?? [] }, view, visitor.lastSeenAt);
}

/** The visitor after a page view: the previous view ends where it starts; the server's cap on history holds here too. */
export function withPageView(visitor: VisitorDto, view: PageView, lastSeenAt: string): VisitorDto {
  const ended = visitor.pages.map((p) => (p.leftAt === null ? { ...p, leftAt: view.at } : p));
  return {
    ...visitor,
    page: { url: view.url, title: view.title, referrer: view.referrer },
    pages: [...ended, view].slice(-CHAT_LIMITS.pagesKept),
    lastSeenAt,
  };
}
