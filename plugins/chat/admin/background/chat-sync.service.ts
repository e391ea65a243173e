import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import type { DialogDto, DialogSection, MessageDto, VisitorDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatSocket } from './chat-socket.service';
import { ChatStore, type OpenDialog, withArrival } from './chat-store';
import { ChatNotifications } from './notifications.service';
import { ChatOutbox } from '../conversation/outbox.service';
import { OperatorPreferences } from '../settings/preferences.service';

/** Several dialog changes in a row cause one list fetch, not one each. */
const REFETCH_DELAY_MS = 300;

/**
 * Keeps the store in step with the server: loads the lists after every (re)connect, applies live
 * events, opens dialogs, and raises notifications for what arrives. After a reconnect it fetches
 * everything again (events sent while the socket was down are lost) and resends the outbox.
 */
@Injectable()
export class ChatSync {
  private readonly socket = inject(ChatSocket);
  private readonly store = inject(ChatStore);
  private readonly outbox = inject(ChatOutbox);
  private readonly notifications = inject(ChatNotifications);
  private readonly preferences = inject(OperatorPreferences);

  readonly dialogsError = signal<ErrorText | null>(null);
  readonly visitorsError = signal<ErrorText | null>(null);
  readonly openError = signal<ErrorText | null>(null);

  /** Dialogs the operator has been shown or told about: a visitor message in any other starts a new dialog. */
  private readonly knownDialogs = new Set<string>();
  private dialogsRequest = 0;
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.refetchTimer));
  }

  start(): void {
    const { socket, store } = this;
    socket.on('dialogs.counts', (counts) => store.counts.set(counts));
    socket.on('dialog.updated', (dialog) => this.onDialog(dialog));
    socket.on('visitor.updated', (visitor) => this.onVisitor(visitor));
    socket.on('visitor.pageViewed', ({ visitorId, view, lastSeenAt }) => store.applyPageView(visitorId, view, lastSeenAt));
    // Arrivals carry no history: merged into what the panel has, then handled as a whole visitor (a new one notifies).
    socket.on('visitor.arrived', (arrival) => this.onVisitor(withArrival(store.knownVisitor(arrival.visitor.id), arrival)));
    socket.on('visitor.presence', (presence) => store.applyPresence(presence));
    socket.on('message.created', (message) => this.onMessage(message));
    socket.on('message.updated', (message) => this.onMessageChange(message));
    socket.on('dialog.read', (read) => store.applyRead(read));
    socket.on('visitor.typing', ({ visitorId, dialogId, draft }) => store.applyDraft(visitorId, dialogId, draft));
    socket.on('operators.status', ({ userId, status }) => store.applyOperatorStatus(userId, status));
    socket.on('templates.changed', (templates) => store.templates.set(templates));
    socket.on('preferences.changed', (preferences) => this.preferences.apply(preferences));
    this.outbox.onStored((message) => this.onMessageChange(message));
    socket.onConnect(() => void this.reload());
    socket.connect();
  }

  /** Everything the view shows, fetched again; the outbox goes out again too. */
  async reload(): Promise<void> {
    this.outbox.flush();
    await Promise.all([this.loadCounts(), this.loadDialogs(), this.loadVisitors(), this.refreshTeam(), this.loadReplies(), this.preferences.load(), this.reopen()]);
  }

  selectSection(section: DialogSection): void {
    this.store.tab.set('dialogs');
    if (this.store.section() === section && this.store.dialogs()) return;
    this.store.section.set(section);
    this.store.dialogs.set(null);
    void this.loadDialogs();
  }

  async loadDialogs(): Promise<void> {
    const request = ++this.dialogsRequest;
    const section = this.store.section();
    this.dialogsError.set(null);
    try {
      const list = await this.socket.request('dialogs.list', { section });
      if (request !== this.dialogsRequest) return;
      for (const d of list) this.knownDialogs.add(d.id);
      this.store.setDialogs(list);
    } catch (err) {
      if (request === this.dialogsRequest) this.dialogsError.set(chatErrorText(err));
    }
  }

  async loadVisitors(): Promise<void> {
    this.visitorsError.set(null);
    try {
      this.store.visitors.set(await this.socket.request('visitors.list', {}));
    } catch (err) {
      this.visitorsError.set(chatErrorText(err));
    }
  }

  async openDialog(dialogId: string): Promise<void> {
    this.store.opening.set(dialogId);
    this.openError.set(null);
    try {
      const opened = await this.socket.request('dialog.open', { dialogId });
      if (this.store.opening() !== dialogId) return;
      this.knownDialogs.add(dialogId);
      this.store.open.set(withNewerMessages(opened, this.store.open()));
      this.store.selectedVisitorId.set(null);
      this.store.markSeen(opened.dialog);
    } catch (err) {
      if (this.store.opening() === dialogId) this.openError.set(chatErrorText(err));
    } finally {
      if (this.store.opening() === dialogId) this.store.opening.set(null);
    }
  }

  /**
   * A visitor picked in the Visitors tab: their open dialog when they have one; else their card and
   * a way to start talking.
   */
  selectVisitor(visitorId: string): void {
    this.store.tab.set('visitors');
    const dialogId = this.store.visitorsById().get(visitorId)?.openDialogId;
    if (dialogId) {
      if (this.store.open()?.dialog.id !== dialogId) void this.openDialog(dialogId);
      return;
    }
    this.closeDialogView();
    this.store.selectedVisitorId.set(visitorId);
  }

  closeDialogView(): void {
    this.store.opening.set(null);
    this.store.open.set(null);
  }

  /** C5: talk to a visitor who has not written; the dialog lands in My messages. */
  async startDialog(visitorId: string): Promise<void> {
    const dialog = await this.socket.request('dialog.start', { visitorId });
    this.knownDialogs.add(dialog.id);
    this.selectSection('mine');
    await this.openDialog(dialog.id);
  }

  private async reopen(): Promise<void> {
    const open = this.store.open();
    if (open) await this.openDialog(open.dialog.id);
  }

  private async loadCounts(): Promise<void> {
    try {
      this.store.counts.set(await this.socket.request('dialogs.counts', {}));
    } catch {
      /* the counters stay as they were; the next `dialogs.counts` event corrects them */
    }
  }

  /**
   * Operators (with whether a panel of theirs is connected) and departments. Also called when the
   * transfer picker opens: a colleague's panel connecting is not pushed to other panels.
   */
  async refreshTeam(): Promise<void> {
    try {
      const [operators, departments] = await Promise.all([this.socket.request('operators.list', {}), this.socket.request('departments.list', {})]);
      this.store.operators.set(operators);
      this.store.departments.set(departments);
      const mine = operators.find((o) => o.id === this.store.me());
      if (mine) this.store.myStatus.set(mine.status);
    } catch {
      /* transfer targets stay as they were; the picker says when there is nobody to pick */
    }
  }

  private async loadReplies(): Promise<void> {
    try {
      const [replies, templates] = await Promise.all([this.socket.request('replies.list', {}), this.socket.request('templates.list', {})]);
      this.store.replies.set(replies);
      this.store.templates.set(templates);
    } catch {
      /* the pickers show what they had */
    }
  }

  private onDialog(dialog: DialogDto): void {
    this.knownDialogs.add(dialog.id);
    if (this.store.applyDialog(dialog)) this.scheduleRefetch();
  }

  private onVisitor(visitor: VisitorDto): void {
    const list = this.store.visitors();
    const isNew = !!list && !list.some((v) => v.id === visitor.id);
    const wasBlocked = this.store.visitorBlocked(visitor.id);
    this.store.applyVisitor(visitor);
    if (isNew && visitor.activity !== 'left') this.notifications.notify('visitor', visitor.name, visitor.page?.title || visitor.page?.url || '', () => this.selectVisitor(visitor.id), { siteId: visitor.siteId });
    // Blocking moves the visitor's dialogs between sections; only the server knows which are listed.
    if (wasBlocked !== undefined && wasBlocked !== visitor.blocked) this.scheduleRefetch();
  }

  private onMessageChange(message: MessageDto): void {
    if (this.store.applyMessage(message)) this.scheduleRefetch();
  }

  private onMessage(message: MessageDto): void {
    this.onMessageChange(message);
    if (message.author.kind !== 'visitor') return;
    const open = this.store.open();
    const isOpen = open?.dialog.id === message.dialogId;
    const kind = this.knownDialogs.has(message.dialogId) ? 'message' : 'dialog';
    this.knownDialogs.add(message.dialogId);
    if (isOpen && this.store.viewing() && !document.hidden) return;
    const body = message.text || message.attachments.map((a) => a.name).join(', ');
    const siteId = (this.store.dialogs()?.find((d) => d.id === message.dialogId) ?? (isOpen ? open?.dialog : undefined))?.siteId;
    this.notifications.notify(kind, message.author.name, body, () => void this.openDialog(message.dialogId), { dialogId: message.dialogId, siteId });
  }


  private scheduleRefetch(): void {
    clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => void this.loadDialogs(), REFETCH_DELAY_MS);
  }
}

/**
 * A dialog as fetched, plus the messages of the same dialog that arrived (events, acknowledged
 * resends) while the request was on its way: a reopen after a reconnect must not drop them.
 */
function withNewerMessages(fetched: OpenDialog, current: OpenDialog | null): OpenDialog {
  if (current?.dialog.id !== fetched.dialog.id) return fetched;
  const known = new Set(fetched.messages.map((m) => m.id));
  const arrived = current.messages.filter((m) => !known.has(m.id));
  if (!arrived.length) return fetched;
  return { ...fetched, messages: [...fetched.messages, ...arrived].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
}
