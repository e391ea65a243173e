import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { preparedQuery } from '../../../core/src/index.js';
import { HttpError, notFound } from '../../../core/src/http/http-error.js';
import { CHAT_LIMITS, type MessageDto } from '../shared/chat.protocol.js';
import type { AttachmentRow, AttachmentsService } from './attachments.service.js';
import type { ChatContext } from './chat.db.js';
import { toMessage, visitorName } from './chat.dto.js';
import type { ChatTables } from './chat.tables.js';
import { OPEN } from './dialogs.service.js';

export type MessageRow = Selectable<ChatTables['chat_messages']>;

export interface NewMessage {
  dialogId: string;
  senderKey: string;
  clientId: string;
  authorKind: 'visitor' | 'operator' | 'system';
  authorUserId: number | null;
  text: string;
  /** Files the sender uploaded for this message, checked by `AttachmentsService.claimable`. */
  attachments?: AttachmentRow[];
}

/** A visitor's text message for `storeInOpenDialog`. */
export interface VisitorText {
  visitorId: string;
  senderKey: string;
  clientId: string;
  text: string;
}

/**
 * Messages with at-most-once storage: `(sender, clientId)` is unique, so a sender that retries an
 * unacknowledged send gets the stored message back instead of a duplicate (C8). A message's files
 * are copied into its `attachments` column as DTOs, so listing messages takes one query.
 */
export class MessagesService {
  /** The message, unless its `(sender, clientId)` is stored already; returns its id when stored. */
  private readonly insertNew;
  private readonly insertIntoOpenDialog;

  constructor(
    private readonly ctx: ChatContext,
    private readonly files: AttachmentsService,
  ) {
    const db = ctx.db.kysely;
    this.insertNew = preparedQuery(db, (row: MessageRow) =>
      db
        .insertInto('chat_messages')
        .values(row)
        .onConflict((oc) => oc.columns(['sender_key', 'client_id']).doNothing())
        .returning('id'),
    );
    this.insertIntoOpenDialog = preparedQuery(db, (m: VisitorText & { id: string; createdAt: number }) =>
      db
        .insertInto('chat_messages')
        .columns(['id', 'dialog_id', 'sender_key', 'client_id', 'author_kind', 'text', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('chat_dialogs as d')
            .innerJoin('chat_visitors as v', 'v.id', 'd.visitor_id')
            .select([
              eb.val(m.id).as('id'),
              'd.id as dialog_id',
              eb.val(m.senderKey).as('sender_key'),
              eb.val(m.clientId).as('client_id'),
              sql.lit('visitor').as('author_kind'),
              eb.val(m.text).as('text'),
              // To PostgreSQL an untyped value in a select list is text: the time needs its type.
              sql<number>`cast(${m.createdAt} as bigint)`.as('created_at'),
            ])
            .where('d.visitor_id', '=', m.visitorId)
            .where('d.status', '=', OPEN)
            .where('v.blocked', '=', 0),
        )
        .onConflict((oc) => oc.columns(['sender_key', 'client_id']).doNothing())
        .returning((eb) => [
          'dialog_id',
          eb
            .selectFrom('chat_visitors')
            .select((v) => v.fn.coalesce('name', 'generated_name').as('name'))
            .where('id', '=', m.visitorId)
            .as('visitor_name'),
        ]),
    );
  }

  /**
   * The hot path, one statement: a visitor's text message stored in their open dialog, unless
   * they are blocked, have no open dialog or retried a stored clientId — then undefined, and the
   * caller takes the long way that tells which. The dialog's last activity moves by trigger.
   */
  async storeInOpenDialog(m: VisitorText): Promise<{ row: MessageRow; visitorName: string } | undefined> {
    const id = randomUUID();
    const createdAt = Date.now();
    const [stored] = await this.insertIntoOpenDialog({ ...m, id, createdAt });
    if (!stored) return undefined;
    const row: MessageRow = {
      id,
      dialog_id: stored.dialog_id,
      sender_key: m.senderKey,
      client_id: m.clientId,
      author_kind: 'visitor',
      author_user_id: null,
      text: m.text,
      attachments: '[]',
      created_at: createdAt,
      edited_at: null,
    };
    return { row, visitorName: stored.visitor_name ?? '' };
  }

  private get db() {
    return this.ctx.db.kysely;
  }

  /**
   * Stores the message (or finds the one stored for this clientId); `created` says which. One
   * insert that skips a stored `(sender, clientId)` — also when two retries race — and moves the
   * dialog's last activity (a trigger, migration 0005); a message with files binds them in the
   * same transaction.
   */
  async store(message: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
    const files = message.attachments ?? [];
    const row: MessageRow = {
      id: randomUUID(),
      dialog_id: message.dialogId,
      sender_key: message.senderKey,
      client_id: message.clientId,
      author_kind: message.authorKind,
      author_user_id: message.authorUserId,
      text: message.text,
      attachments: JSON.stringify(files.map((f) => this.files.storedDto(f))),
      created_at: Date.now(),
      edited_at: null,
    };
    const created = files.length
      ? await this.ctx.db.transaction(async (trx) => {
          if (!(await this.insertNew(row, trx)).length) return false;
          await this.files.bind(trx, files.map((f) => f.id), row.id, message.dialogId);
          return true;
        })
      : (await this.insertNew(row)).length > 0;
    if (created) return { row, created };
    const stored = await this.db.selectFrom('chat_messages').selectAll().where('sender_key', '=', message.senderKey).where('client_id', '=', message.clientId).executeTakeFirstOrThrow();
    return { row: stored, created };
  }

  /** C10: the author edits their own message within the edit window. */
  async edit(messageId: string, userId: number, accountId: string, text: string): Promise<MessageRow> {
    const row = await this.db
      .selectFrom('chat_messages')
      .innerJoin('chat_dialogs', 'chat_dialogs.id', 'chat_messages.dialog_id')
      .selectAll('chat_messages')
      .where('chat_messages.id', '=', messageId)
      .where('chat_dialogs.account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw notFound('No such message');
    if (row.author_user_id !== userId) throw new HttpError(403, 'not_author', 'You can edit only your own messages');
    if (Date.now() - row.created_at > CHAT_LIMITS.editWindowMs) {
      throw new HttpError(409, 'edit_window_over', 'A message can be edited only within 10 minutes of sending');
    }
    const editedAt = Date.now();
    await this.db.updateTable('chat_messages').set({ text, edited_at: editedAt }).where('id', '=', messageId).execute();
    return { ...row, text, edited_at: editedAt };
  }

  private listRows(dialogId: string): Promise<MessageRow[]> {
    return this.db.selectFrom('chat_messages').selectAll().where('dialog_id', '=', dialogId).orderBy('created_at').orderBy('id').execute();
  }

  async lastOf(dialogIds: string[]): Promise<Map<string, MessageRow>> {
    if (!dialogIds.length) return new Map();
    const rows = await this.db
      .selectFrom('chat_messages as m')
      .selectAll('m')
      .where('m.dialog_id', 'in', dialogIds)
      .where((eb) =>
        eb('m.created_at', '=', eb.selectFrom('chat_messages as n').select((n) => n.fn.max('n.created_at').as('max')).whereRef('n.dialog_id', '=', 'm.dialog_id')),
      )
      .execute();
    return new Map(rows.map((r) => [r.dialog_id, r]));
  }

  /**
   * DTO with the visitor's current name on visitor messages: read from the database unless the
   * caller already has it (only visitor messages show it).
   */
  async dto(row: MessageRow, visitorName?: string): Promise<MessageDto> {
    if (row.author_kind !== 'visitor') return toMessage(row, this.ctx, '');
    return toMessage(row, this.ctx, visitorName ?? (await this.visitorNameOf(row.dialog_id)));
  }

  /** A dialog's messages, oldest first, with one query for the rows and one for the name. */
  async listDtos(dialogId: string): Promise<MessageDto[]> {
    const [rows, name] = await Promise.all([this.listRows(dialogId), this.visitorNameOf(dialogId)]);
    return rows.map((row) => toMessage(row, this.ctx, name));
  }

  private async visitorNameOf(dialogId: string): Promise<string> {
    const visitor = await this.db
      .selectFrom('chat_dialogs')
      .innerJoin('chat_visitors', 'chat_visitors.id', 'chat_dialogs.visitor_id')
      .select(['chat_visitors.name', 'chat_visitors.generated_name'])
      .where('chat_dialogs.id', '=', dialogId)
      .executeTakeFirst();
    return visitor ? visitorName(visitor) : '';
  }
}
