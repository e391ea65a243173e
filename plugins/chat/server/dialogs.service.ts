import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import { HttpError, notFound } from '../../../core/src/http/http-error.js';
import type { DialogDto, DialogSection, LeadClass } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import { toDialog, toMessage, visitorName } from './chat.dto.js';
import type { ChatTables } from './chat.tables.js';
import type { MessagesService } from './messages.service.js';

export type DialogRow = Selectable<ChatTables['chat_dialogs']>;

/** Dialogs: who started, who answers, where they are listed (C1, C2, C5, C13–C15, C18). */
export class DialogsService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly messages: MessagesService,
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  openOf(visitorId: string): Promise<DialogRow | undefined> {
    return this.db.selectFrom('chat_dialogs').selectAll().where('visitor_id', '=', visitorId).where('status', '=', 'open').executeTakeFirst();
  }

  /** The visitor's open dialog, or a new one they start by writing. */
  async openForVisitor(visitor: { visitorId: string; siteId: string; accountId: string }): Promise<DialogRow> {
    return (await this.openOf(visitor.visitorId)) ?? this.create(visitor, 'visitor', null);
  }

  /** C5: an operator starts a chat with a visitor who has not written (or joins the open one). */
  async start(accountId: string, visitorId: string, userId: number): Promise<DialogRow> {
    const visitor = await this.db.selectFrom('chat_visitors').select(['site_id', 'blocked']).where('id', '=', visitorId).where('account_id', '=', accountId).executeTakeFirst();
    if (!visitor) throw notFound('No such visitor');
    if (visitor.blocked) throw new HttpError(409, 'visitor_blocked', 'This visitor is blocked');
    const open = await this.openOf(visitorId);
    if (open) return open.assignee_id === null ? this.set(accountId, open.id, { assignee_id: userId }) : open;
    return this.create({ visitorId, siteId: visitor.site_id, accountId }, 'operator', userId);
  }

  private async create(v: { visitorId: string; siteId: string; accountId: string }, initiator: 'visitor' | 'operator', assignee: number | null): Promise<DialogRow> {
    const now = Date.now();
    const row: DialogRow = {
      id: randomUUID(),
      account_id: v.accountId,
      site_id: v.siteId,
      visitor_id: v.visitorId,
      status: 'open',
      initiator,
      assignee_id: assignee,
      department_id: null,
      important: 0,
      lead_class: null,
      rating: null,
      rating_comment: null,
      created_at: now,
      closed_at: null,
      last_message_at: now,
    };
    await this.db.insertInto('chat_dialogs').values(row).execute();
    return row;
  }

  /** A dialog of this account, or 404 — never another account's. */
  async get(accountId: string, dialogId: string): Promise<DialogRow> {
    const row = await this.db.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw notFound('No such dialog');
    return row;
  }

  async set(accountId: string, dialogId: string, changes: Updateable<ChatTables['chat_dialogs']>): Promise<DialogRow> {
    await this.get(accountId, dialogId);
    await this.db.updateTable('chat_dialogs').set(changes).where('id', '=', dialogId).execute();
    return this.get(accountId, dialogId);
  }

  /** C2: My messages, Common messages, Archive (History); Important and Blocked sections (C1). */
  async list(accountId: string, userId: number, section: DialogSection): Promise<DialogRow[]> {
    let query = this.db
      .selectFrom('chat_dialogs')
      .innerJoin('chat_visitors', 'chat_visitors.id', 'chat_dialogs.visitor_id')
      .selectAll('chat_dialogs')
      .where('chat_dialogs.account_id', '=', accountId);
    const notBlocked = 0;
    switch (section) {
      case 'mine':
        query = query
          .where('chat_dialogs.status', '=', 'open')
          .where('chat_visitors.blocked', '=', notBlocked)
          .where((eb) => eb.or([eb('chat_dialogs.assignee_id', '=', userId), eb('chat_dialogs.assignee_id', 'is', null)]));
        break;
      case 'common':
        query = query.where('chat_dialogs.status', '=', 'open').where('chat_visitors.blocked', '=', notBlocked).where('chat_dialogs.assignee_id', '!=', userId);
        break;
      case 'archive':
        query = query.where('chat_dialogs.status', '=', 'closed');
        break;
      case 'important':
        query = query.where('chat_dialogs.important', '=', 1);
        break;
      case 'blocked':
        query = query.where('chat_visitors.blocked', '=', 1);
        break;
    }
    return query.orderBy('chat_dialogs.last_message_at', 'desc').limit(200).execute();
  }

  async close(accountId: string, dialogId: string): Promise<DialogRow> {
    const dialog = await this.get(accountId, dialogId);
    if (dialog.status === 'closed') return dialog;
    return this.set(accountId, dialogId, { status: 'closed', closed_at: Date.now() });
  }

  important(accountId: string, dialogId: string, important: boolean): Promise<DialogRow> {
    return this.set(accountId, dialogId, { important: important ? 1 : 0 });
  }

  classify(accountId: string, dialogId: string, leadClass: LeadClass): Promise<DialogRow> {
    return this.set(accountId, dialogId, { lead_class: leadClass });
  }

  /** C15: the visitor rates their own dialog. */
  async rate(visitorId: string, dialogId: string, rating: number, comment: string | undefined): Promise<DialogRow> {
    const row = await this.db.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).where('visitor_id', '=', visitorId).executeTakeFirst();
    if (!row) throw notFound('No such dialog');
    await this.db.updateTable('chat_dialogs').set({ rating, rating_comment: comment ?? null }).where('id', '=', dialogId).execute();
    return { ...row, rating, rating_comment: comment ?? null };
  }

  /** DTOs with visitor names and last messages, in two queries for any number of dialogs. */
  async dtos(rows: DialogRow[]): Promise<DialogDto[]> {
    if (!rows.length) return [];
    const visitors = await this.db.selectFrom('chat_visitors').select(['id', 'name', 'generated_name']).where('id', 'in', [...new Set(rows.map((r) => r.visitor_id))]).execute();
    const names = new Map(visitors.map((v) => [v.id, visitorName(v)]));
    const last = await this.messages.lastOf(rows.map((r) => r.id));
    return rows.map((r) => {
      const name = names.get(r.visitor_id) ?? '';
      const message = last.get(r.id);
      return toDialog(r, name, message ? toMessage(message, this.ctx.content, name) : null);
    });
  }

  async dto(row: DialogRow): Promise<DialogDto> {
    return (await this.dtos([row]))[0]!;
  }
}
