import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import { HttpError } from '../../../core/src/index.js';
import type { ChatChannel } from '../shared/chat.events.js';
import type { DialogDto, MessageDto, VisitorDto } from '../shared/chat.protocol.js';
import type { ChatServiceActor, ChatServiceAuthor, VisitorFields } from '../shared/chat.services.js';
import type { AttachmentsService } from './attachments.service.js';
import type { ChatContext } from './chat.db.js';
import { toDialog } from './chat.dto.js';
import type { DialogRow, DialogsService } from './dialogs.service.js';
import type { MessagesService } from './messages.service.js';
import type { VisitorRef, VisitorsService } from './visitors.service.js';

/** A message as the widget or the panel sends it (validated by chat.sockets.ts). */
export interface Typed {
  clientId: string;
  text: string;
  attachmentIds: string[];
}

/** A message another plugin, a bot or the system posts (shared/chat.services.ts). */
export interface Posted {
  author: ChatServiceAuthor;
  text: string;
  kind?: string;
  payload?: unknown;
  clientId?: string;
}

/**
 * The conversation's rules, whoever starts a message — the widget, the panel or another plugin
 * through the chat's service: which dialog it goes to (opening one when needed), the claim on an
 * operator's first answer (C2), the system notes, and the fan-out to the operators' panels and
 * the visitor's widget. The socket handlers only validate and call in.
 */
export class ConversationService {
  /** Other plugins' listeners (ChatService.onMessage). */
  private readonly listeners = new Set<(message: MessageDto, dialog: { accountId: string; visitorId: string }) => void>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly s: { visitors: VisitorsService; dialogs: DialogsService; messages: MessagesService; attachments: AttachmentsService },
  ) {}

  private get ns() {
    return this.ctx.realtime.namespace;
  }

  toOperators(accountId: string) {
    return this.ns.to(`account:${accountId}`);
  }

  toVisitor(visitorId: string) {
    return this.ns.to(`visitor:${visitorId}`);
  }

  /** After a dialog's own fields changed; returns what it sent. */
  async publishDialog(row: DialogRow): Promise<DialogDto> {
    const dto = await this.s.dialogs.dto(row);
    this.toOperators(row.account_id).emit('dialog.updated', dto);
    return dto;
  }

  /**
   * One frame per operator and visitor tab, encoded once: the panel moves the dialog in its list
   * and clears the visitor's typing preview from the message alone, so no `dialog.updated` repeats
   * it (protocol). The socket that sent the message has it in its acknowledgement.
   */
  publishMessage(dialog: Pick<DialogRow, 'account_id' | 'visitor_id'>, message: MessageDto, event: 'message.created' | 'message.updated', sender?: Socket): void {
    (sender ?? this.ns).to([`account:${dialog.account_id}`, `visitor:${dialog.visitor_id}`]).emit(event, message);
    for (const listener of this.listeners) {
      try {
        listener(message, { accountId: dialog.account_id, visitorId: dialog.visitor_id });
      } catch (err) {
        // A plugin's listener must not fail the chat's own send.
        this.ctx.logger.warn({ err }, 'a message listener failed');
      }
    }
  }

  onMessage(listener: (message: MessageDto, dialog: { accountId: string; visitorId: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publishVisitor(accountId: string, visitorId: string): Promise<void> {
    this.toOperators(accountId).emit('visitor.updated', await this.s.visitors.get(accountId, visitorId));
  }

  /** The visitor card's fields (C4), validated by the caller; every panel of the account is told. */
  async setVisitorFields(accountId: string, visitorId: string, fields: VisitorFields): Promise<VisitorDto> {
    const visitor = await this.s.visitors.update(accountId, visitorId, fields);
    this.toOperators(accountId).emit('visitor.updated', visitor);
    return visitor;
  }

  /** A system note in the dialog (a transfer), seen by both sides. */
  async note(dialog: DialogRow, text: string): Promise<void> {
    const { row } = await this.s.messages.store({ dialog, senderKey: 'system', clientId: randomUUID(), authorKind: 'system', authorUserId: null, text });
    this.publishMessage(dialog, await this.s.messages.dto(row), 'message.created');
  }

  /** The visitor writes in the widget: into their open dialog, or one this message opens. */
  async fromVisitor(v: VisitorRef, m: Typed, socket: Socket): Promise<MessageDto> {
    const { messages, dialogs } = this.s;
    const senderKey = `v:${v.visitorId}`;
    const fast = m.attachmentIds.length ? undefined : await messages.storeInOpenDialog({ ...v, senderKey, clientId: m.clientId, text: m.text });
    if (fast) {
      const dto = await messages.dto(fast.row, fast.visitorName);
      this.publishMessage({ account_id: v.accountId, visitor_id: v.visitorId }, dto, 'message.created', socket);
      return dto;
    }
    // Files, a blocked visitor, a first message or a retry: one step at a time.
    const { blocked, visitorName, open } = await dialogs.forVisitorMessage(v.visitorId);
    if (blocked) throw new HttpError(403, 'blocked', 'Messages from you are not accepted');
    // Checked before the dialog opens: a refused file must not leave an empty dialog behind.
    const attachments = await this.s.attachments.claimable(m.attachmentIds, { key: senderKey, accountId: v.accountId, clientId: m.clientId }, null);
    const { dialog, created: opened } = open ? { dialog: open, created: false } : await dialogs.startByVisitor(v);
    const { row, created } = await messages.store({ dialog, senderKey, clientId: m.clientId, authorKind: 'visitor', authorUserId: null, text: m.text, attachments });
    const dto = await messages.dto(row, visitorName);
    if (created) this.publishMessage(dialog, dto, 'message.created', socket);
    // A new dialog is news of its own (lists, counters); it opens with this message.
    if (opened) this.toOperators(v.accountId).emit('dialog.updated', toDialog(dialog, visitorName, created ? dto : null));
    return dto;
  }

  /**
   * An operator answers in the panel (`socket`: the panel's, which has the message in its ack) or
   * through another plugin; the first answer assigns an unassigned dialog to them (C2).
   */
  async fromOperator(u: { accountId: string; userId: number }, dialogId: string, m: Typed, socket?: Socket): Promise<MessageDto> {
    let dialog = await this.s.dialogs.get(u.accountId, dialogId);
    if (dialog.status === 'closed') throw new HttpError(409, 'dialog_closed', 'The dialog is closed');
    const senderKey = `u:${u.userId}`;
    const attachments = await this.s.attachments.claimable(m.attachmentIds, { key: senderKey, accountId: u.accountId, clientId: m.clientId }, dialog.id);
    const claimed = dialog.assignee_id === null;
    if (claimed) dialog = await this.s.dialogs.claim(u.accountId, dialog.id, u.userId, 'firstAnswer');
    const { row, created } = await this.s.messages.store({ dialog, senderKey, clientId: m.clientId, authorKind: 'operator', authorUserId: u.userId, text: m.text, attachments });
    const dto = await this.s.messages.dto(row);
    if (created) this.publishMessage(dialog, dto, 'message.created', socket);
    if (claimed) await this.publishDialog(dialog);
    return dto;
  }

  /**
   * The visitor's open dialog, or a new one `initiator` opens (unassigned): the panels list it.
   * Refused for a blocked visitor, as an operator's start is.
   */
  async openFor(accountId: string, visitorId: string, initiator: ChatServiceActor, channel: ChatChannel = 'widget'): Promise<DialogRow> {
    const visitor = await this.s.visitors.get(accountId, visitorId);
    if (visitor.blocked) throw new HttpError(409, 'visitor_blocked', 'This visitor is blocked');
    const open = await this.s.dialogs.openOf(visitorId);
    if (open) return open;
    const { dialog, created } = await this.s.dialogs.startFor({ accountId, siteId: visitor.siteId, visitorId }, initiator, channel);
    if (created) {
      await this.publishDialog(dialog);
      await this.publishVisitor(accountId, visitorId);
    }
    return dialog;
  }

  /** Another plugin, a bot or the system writes to the visitor: into the open dialog, or one it opens. */
  async post(accountId: string, visitorId: string, m: Posted): Promise<MessageDto> {
    const opener: ChatServiceActor = m.author.kind === 'plugin' ? m.author : { kind: 'system' };
    const dialog = await this.openFor(accountId, visitorId, opener);
    const authorName = m.author.kind === 'bot' ? m.author.name : m.author.kind === 'plugin' ? m.author.pluginId : undefined;
    // With the clientId what makes a retried post idempotent: per plugin; bots and the system post with fresh ids.
    const senderKey = m.author.kind === 'plugin' ? `p:${m.author.pluginId}`.slice(0, 64) : m.author.kind;
    const { row, created } = await this.s.messages.store({
      dialog,
      senderKey,
      clientId: m.clientId ?? randomUUID(),
      authorKind: m.author.kind,
      authorUserId: null,
      authorName,
      text: m.text,
      ...(m.kind === undefined ? {} : { kind: m.kind, payload: m.payload }),
    });
    const dto = await this.s.messages.dto(row);
    if (created) this.publishMessage(dialog, dto, 'message.created');
    return dto;
  }
}
