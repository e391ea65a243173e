import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Selectable, type Transaction } from 'kysely';
import { GroupCommit, HttpError, isPostgres, notFound, preparedQuery } from '../../../core/src/index.js';
import { CHAT_LIMITS, type MessageDto } from '../shared/chat.protocol.js';
import type { AttachmentRow, AttachmentsService } from './attachments.service.js';
import type { ChatChannel, ChatMessageAuthor, ChatEvents } from '../shared/chat.events.js';
import { announce } from './chat.announce.js';
import type { ChatContext } from './chat.db.js';
import { toMessage, visitorName } from './chat.dto.js';
import type { ChatTables } from './chat.tables.js';

export type MessageRow = Selectable<ChatTables['chat_messages']>;

/** The dialog a message goes to, as its events name it. */
export type DialogRef = Pick<Selectable<ChatTables['chat_dialogs']>, 'id' | 'account_id' | 'site_id' | 'visitor_id'>;

export interface NewMessage {
  dialog: DialogRef;
  /** Where it was written; the widget unless told. */
  channel?: ChatChannel;
  senderKey: string;
  clientId: string;
  authorKind: MessageRow['author_kind'];
  authorUserId: number | null;
  /** A bot's name or the posting plugin's id. */
  authorName?: string;
  text: string;
  /** A plugin-defined kind and its payload, validated by the kind's plugin. */
  kind?: string;
  payload?: unknown;
  /** Files the sender uploaded for this message, checked by `AttachmentsService.claimable`. */
  attachments?: AttachmentRow[];
  /** When it was written, if not now (a note that must sort before the message it introduces). */
  createdAt?: number;
}

/** Rows per group-commit statement: 6 parameters each, far below both engines' limits. */
const MAX_BATCH = 100;
const BATCH_COLUMNS = 6;

interface StampedText extends VisitorText {
  id: string;
  createdAt: number;
}

interface StoredText {
  dialog_id: string;
  visitor_name: string | null;
}

/** A visitor's text message for `storeInOpenDialog`. */
export interface VisitorText {
  accountId: string;
  siteId: string;
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
  private readonly visitorTexts: GroupCommit<StampedText, StoredText | undefined>;
  /** The batch statement's SQL by number of rows. */
  private readonly batchSql = new Map<number, string>();

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
    // PostgreSQL: one batch in flight; the messages that arrive meanwhile share the next statement,
    // its round trip and the server's per-statement work. SQLite's writer thread already commits
    // together what arrives while it is busy: waiting here as well added a millisecond at p50 and
    // more at p99 (bench/README.md), so there every message goes at once.
    const concurrency = isPostgres(db) ? 1 : Infinity;
    this.visitorTexts = new GroupCommit((batch: StampedText[]) => this.insertIntoOpenDialogs(batch), { maxBatch: MAX_BATCH, concurrency });
  }

  /**
   * The hot path: a visitor's text message stored in their open dialog, unless they are blocked,
   * have no open dialog or retried a stored clientId — then undefined, and the caller takes the
   * long way that tells which. Messages arriving together are stored by one statement (group
   * commit); the dialog's last activity moves by trigger.
   */
  async storeInOpenDialog(m: VisitorText): Promise<{ row: MessageRow; visitorName: string } | undefined> {
    const stamped: StampedText = { ...m, id: randomUUID(), createdAt: Date.now() };
    const stored = await this.visitorTexts.add(stamped);
    if (!stored) return undefined;
    return { row: visitorRow(stamped, stored.dialog_id), visitorName: stored.visitor_name ?? '' };
  }

  /**
   * One statement for a batch of visitor texts, the same SQL on both engines: the rows come as a
   * VALUES list (its columns are column1… on both), each joined to its visitor's open dialog
   * unless the visitor is blocked; a stored `(sender, clientId)` is skipped. `cross join` makes
   * SQLite walk the list and look each dialog up by index: with a plain join it scanned the
   * dialogs and probed the list, milliseconds per batch with a thousand open dialogs. Each stored
   * message's `chat.message.created` goes into the durable log with it (`writeRecorded`: on
   * SQLite the statement keeps sharing the writer thread's group commit); its dialog is the
   * statement's to find, so the payload takes `dialogId` from the returned row.
   */
  private async insertIntoOpenDialogs(batch: StampedText[]): Promise<(StoredText | undefined)[]> {
    const parameters = batch.flatMap((m) => [m.id, m.visitorId, m.senderKey, m.clientId, m.text, m.createdAt]);
    const events = batch.map((m) => ({
      key: m.id,
      name: 'chat.message.created' as const,
      payload: messageCreated(visitorRow(m, ''), { id: '', account_id: m.accountId, site_id: m.siteId, visitor_id: m.visitorId }, 'widget', false),
    }));
    const query = CompiledQuery.raw(this.batchSqlFor(batch.length), parameters) as CompiledQuery<StoredText & { id: string }>;
    const rows = await this.ctx.db.writeRecorded(query, { key: 'id', fill: { dialogId: 'dialog_id' }, events });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return batch.map((m) => byId.get(m.id));
  }

  private batchSqlFor(rows: number): string {
    let text = this.batchSql.get(rows);
    if (text) return text;
    const pg = isPostgres(this.db);
    const placeholder = (row: number, col: number) => (pg ? `$${row * BATCH_COLUMNS + col + 1}` : '?');
    const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: BATCH_COLUMNS }, (__, c) => placeholder(r, c)).join(', ')})`);
    text = `insert into chat_messages (id, dialog_id, sender_key, client_id, author_kind, text, created_at)
      select m.column1, d.id, m.column3, m.column4, 'visitor', m.column5, cast(m.column6 as bigint)
      from (values ${values.join(', ')}) as m
      cross join chat_dialogs d
      join chat_visitors v on v.id = d.visitor_id
      where d.visitor_id = m.column2 and d.status = 'open' and v.blocked = 0
      on conflict (sender_key, client_id) do nothing
      returning id, dialog_id, (select coalesce(vn.name, vn.generated_name) from chat_dialogs dn join chat_visitors vn on vn.id = dn.visitor_id where dn.id = chat_messages.dialog_id) as visitor_name`;
    this.batchSql.set(rows, text);
    return text;
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
      dialog_id: message.dialog.id,
      sender_key: message.senderKey,
      client_id: message.clientId,
      author_kind: message.authorKind,
      author_user_id: message.authorUserId,
      text: message.text,
      attachments: JSON.stringify(files.map((f) => this.files.storedDto(f))),
      created_at: message.createdAt ?? Date.now(),
      edited_at: null,
      author_name: message.authorName ?? null,
      kind: message.kind ?? null,
      payload: message.kind === undefined ? null : JSON.stringify(message.payload ?? null),
    };
    const created = await this.ctx.db.transaction(async (trx, after) => {
      if (!(await this.insertNew(row, trx)).length) return false;
      if (files.length) await this.files.bind(trx, files.map((f) => f.id), row.id, message.dialog.id);
      const first = row.author_kind === 'operator' && !(await this.operatorWroteBefore(trx, row));
      announce(after, 'chat.message.created', messageCreated(row, message.dialog, message.channel ?? 'widget', first));
      return true;
    });
    if (created) return { row, created };
    const stored = await this.db.selectFrom('chat_messages').selectAll().where('sender_key', '=', message.senderKey).where('client_id', '=', message.clientId).executeTakeFirstOrThrow();
    return { row: stored, created };
  }

  /**
   * Whether an operator's message is stored in the dialog before this one (time to first answer).
   * Two operators' first answers committed at the same instant may both count as first.
   */
  private async operatorWroteBefore(trx: Transaction<ChatTables>, row: MessageRow): Promise<boolean> {
    const earlier = await trx
      .selectFrom('chat_messages')
      .select('id')
      .where('dialog_id', '=', row.dialog_id)
      .where('author_kind', '=', 'operator')
      .where('id', '!=', row.id)
      .where('created_at', '<=', row.created_at)
      .limit(1)
      .executeTakeFirst();
    return !!earlier;
  }

  /** C10: the author edits their own message within the edit window. */
  async edit(messageId: string, userId: number, accountId: string, text: string): Promise<MessageRow> {
    const found = await this.db
      .selectFrom('chat_messages')
      .innerJoin('chat_dialogs', 'chat_dialogs.id', 'chat_messages.dialog_id')
      .selectAll('chat_messages')
      .select(['chat_dialogs.account_id', 'chat_dialogs.site_id', 'chat_dialogs.visitor_id'])
      .where('chat_messages.id', '=', messageId)
      .where('chat_dialogs.account_id', '=', accountId)
      .executeTakeFirst();
    if (!found) throw notFound('No such message');
    const { account_id, site_id, visitor_id, ...row } = found;
    if (row.author_user_id !== userId) throw new HttpError(403, 'not_author', 'You can edit only your own messages');
    if (Date.now() - row.created_at > CHAT_LIMITS.editWindowMs) {
      throw new HttpError(409, 'edit_window_over', 'A message can be edited only within 10 minutes of sending');
    }
    const editedAt = Date.now();
    await this.ctx.db.transaction(async (trx, after) => {
      await trx.updateTable('chat_messages').set({ text, edited_at: editedAt }).where('id', '=', messageId).execute();
      const scope = { accountId: account_id, siteId: site_id, dialogId: row.dialog_id, visitorId: visitor_id, at: editedAt };
      announce(after, 'chat.message.edited', { ...scope, messageId, text, by: { kind: 'operator', userId } });
    });
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

/** The row the batch statement stores for a visitor's text. */
function visitorRow(m: StampedText, dialogId: string): MessageRow {
  return {
    id: m.id,
    dialog_id: dialogId,
    sender_key: m.senderKey,
    client_id: m.clientId,
    author_kind: 'visitor',
    author_user_id: null,
    text: m.text,
    attachments: '[]',
    created_at: m.createdAt,
    edited_at: null,
    author_name: null,
    kind: null,
    payload: null,
  };
}

function authorOf(row: MessageRow, visitorId: string): ChatMessageAuthor {
  if (row.author_kind === 'visitor') return { kind: 'visitor', visitorId };
  if (row.author_kind === 'operator' && row.author_user_id !== null) return { kind: 'operator', userId: row.author_user_id };
  if (row.author_kind === 'bot') return { kind: 'bot', name: row.author_name ?? '' };
  if (row.author_kind === 'plugin') return { kind: 'plugin', pluginId: row.author_name ?? '' };
  return { kind: 'system' };
}

/** The `chat.message.created` payload of a stored message. */
function messageCreated(row: MessageRow, dialog: DialogRef, channel: ChatChannel, firstOperatorAnswer: boolean): ChatEvents['chat.message.created'] {
  return {
    accountId: dialog.account_id,
    siteId: dialog.site_id,
    dialogId: dialog.id,
    visitorId: dialog.visitor_id,
    at: row.created_at,
    messageId: row.id,
    author: authorOf(row, dialog.visitor_id),
    channel,
    text: row.text,
    attachments: (JSON.parse(row.attachments) as unknown[]).length,
    kind: row.kind,
    firstOperatorAnswer,
  };
}
