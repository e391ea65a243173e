import { notFound } from '../../../core/src/index.js';
import type { DialogRead, ReadSide } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';

/** Whose reading is marked: a visitor (only their own dialogs) or an operator (only their account's). */
export type Reader = { side: 'visitor'; visitorId: string } | { side: 'operator'; accountId: string };

/** The moved mark and where to tell it. */
export interface ReadMoved extends DialogRead {
  accountId: string;
  visitorId: string;
}

const COLUMN = { visitor: 'visitor_read_at', operator: 'operator_read_at' } as const satisfies Record<ReadSide, string>;

/**
 * Read receipts: one "read up to" mark per dialog side, the creation time of the newest message that
 * side has seen. Marks only move forward: a tab showing an older state (or a repeat) changes nothing.
 */
export class ReadMarksService {
  constructor(private readonly ctx: ChatContext) {}

  /** Marks `messageId` and everything before it read; null when the mark was there already. 404 for a message the reader may not see. */
  async markRead(reader: Reader, messageId: string): Promise<ReadMoved | null> {
    const db = this.ctx.db.kysely;
    const message = await db
      .selectFrom('chat_messages as m')
      .innerJoin('chat_dialogs as d', 'd.id', 'm.dialog_id')
      .select(['m.created_at', 'd.id as dialog_id', 'd.account_id', 'd.visitor_id'])
      .where('m.id', '=', messageId)
      .$call((q) => (reader.side === 'visitor' ? q.where('d.visitor_id', '=', reader.visitorId) : q.where('d.account_id', '=', reader.accountId)))
      .executeTakeFirst();
    // Another visitor's or account's message is answered like one that does not exist.
    if (!message) throw notFound('No such message');
    const column = COLUMN[reader.side];
    const moved = await db
      .updateTable('chat_dialogs')
      .set({ [column]: message.created_at })
      .where('id', '=', message.dialog_id)
      .where((eb) => eb.or([eb(column, 'is', null), eb(column, '<', message.created_at)]))
      .executeTakeFirst();
    if (!moved.numUpdatedRows) return null;
    return {
      dialogId: message.dialog_id,
      side: reader.side,
      readAt: new Date(message.created_at).toISOString(),
      accountId: message.account_id,
      visitorId: message.visitor_id,
    };
  }
}
