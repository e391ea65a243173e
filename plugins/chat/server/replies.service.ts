import { createHash, randomUUID } from 'node:crypto';
import type { Selectable, UpdateQueryBuilder, UpdateResult } from 'kysely';
import { HttpError, notFound } from '../../../core/src/index.js';
import { CHAT_LIMITS, type QuickReplyDto } from '../shared/chat.protocol.js';
import { isUniqueViolation, type ChatContext } from './chat.db.js';
import type { ChatTables } from './chat.tables.js';

type ReplyRow = Selectable<ChatTables['chat_quick_replies']>;
type ReplyUpdate = UpdateQueryBuilder<ChatTables, 'chat_quick_replies', 'chat_quick_replies', UpdateResult>;

/** Enough for any real picker; a bound on what one operator can store. */
const REPLIES_PER_OPERATOR = 500;

const textHash = (text: string) => createHash('sha256').update(text).digest('hex');

const toDto = (r: ReplyRow): QuickReplyDto => ({ id: r.id, text: r.text, uses: r.uses, createdAt: new Date(r.created_at).toISOString() });

const replyExists = () => new HttpError(409, 'reply_exists', 'You already have a quick reply with this text');

/**
 * C11: each operator's own quick replies, most used first. A text is stored once per operator, so
 * creating or starring it again answers with the reply already there.
 */
export class RepliesService {
  constructor(private readonly ctx: ChatContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async list(accountId: string, userId: number): Promise<QuickReplyDto[]> {
    const rows = await this.db
      .selectFrom('chat_quick_replies')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .orderBy('uses', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toDto);
  }

  /** `text` is trimmed and at most `CHAT_LIMITS.quickReplyLength` long (checked by the caller's schema). */
  async create(accountId: string, userId: number, text: string): Promise<QuickReplyDto> {
    const hash = textHash(text);
    const existing = await this.byText(userId, hash);
    if (existing) return toDto(existing);
    const { count } = await this.db.selectFrom('chat_quick_replies').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    if (count >= REPLIES_PER_OPERATOR) {
      throw new HttpError(409, 'too_many_replies', `At most ${REPLIES_PER_OPERATOR} quick replies; delete some first`);
    }
    const row: ReplyRow = { id: randomUUID(), account_id: accountId, user_id: userId, text, text_hash: hash, uses: 0, created_at: Date.now() };
    try {
      await this.db.insertInto('chat_quick_replies').values(row).execute();
    } catch (err) {
      // The same text saved twice at once (a double click): the unique key let one in.
      const raced = await this.byText(userId, hash);
      if (raced) return toDto(raced);
      throw err;
    }
    return toDto(row);
  }

  /** C11: a sent message of the operator's account becomes one of their quick replies. */
  async star(accountId: string, userId: number, messageId: string): Promise<QuickReplyDto> {
    const message = await this.db
      .selectFrom('chat_messages')
      .innerJoin('chat_dialogs', 'chat_dialogs.id', 'chat_messages.dialog_id')
      .select('chat_messages.text')
      .where('chat_messages.id', '=', messageId)
      .where('chat_dialogs.account_id', '=', accountId)
      .executeTakeFirst();
    if (!message) throw notFound('No such message');
    const text = message.text.trim();
    if (!text) throw new HttpError(400, 'no_text', 'This message has no text to save');
    if (text.length > CHAT_LIMITS.quickReplyLength) {
      throw new HttpError(400, 'too_long', `A quick reply is at most ${CHAT_LIMITS.quickReplyLength} characters`);
    }
    return this.create(accountId, userId, text);
  }

  /** Counts one insertion into the input; the list puts the most used first. */
  use(accountId: string, userId: number, id: string): Promise<QuickReplyDto> {
    return this.change(accountId, userId, id, (q) => q.set((eb) => ({ uses: eb('uses', '+', 1) })));
  }

  /**
   * A new text (trimmed and limited by the caller's schema) for a reply; its uses stay. Two replies
   * of one operator cannot have one text: that is a 409, not a silent merge.
   */
  async update(accountId: string, userId: number, id: string, text: string): Promise<QuickReplyDto> {
    const hash = textHash(text);
    const clash = await this.byText(userId, hash);
    if (clash && clash.id !== id) throw replyExists();
    try {
      return await this.change(accountId, userId, id, (q) => q.set({ text, text_hash: hash }));
    } catch (err) {
      // The same text saved into another reply at once: the unique key let one in.
      if (isUniqueViolation(err)) throw replyExists();
      throw err;
    }
  }

  /** Updates the operator's own reply `id` (any other is "not found") and answers it as stored. */
  private async change(accountId: string, userId: number, id: string, set: (q: ReplyUpdate) => ReplyUpdate): Promise<QuickReplyDto> {
    const query = this.db.updateTable('chat_quick_replies').where('id', '=', id).where('account_id', '=', accountId).where('user_id', '=', userId);
    const { numUpdatedRows } = await set(query).executeTakeFirst();
    if (!numUpdatedRows) throw notFound('No such quick reply');
    return toDto(await this.db.selectFrom('chat_quick_replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  async remove(accountId: string, userId: number, id: string): Promise<void> {
    const { numDeletedRows } = await this.db
      .deleteFrom('chat_quick_replies')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!numDeletedRows) throw notFound('No such quick reply');
  }

  private byText(userId: number, hash: string): Promise<ReplyRow | undefined> {
    return this.db.selectFrom('chat_quick_replies').selectAll().where('user_id', '=', userId).where('text_hash', '=', hash).executeTakeFirst();
  }
}
