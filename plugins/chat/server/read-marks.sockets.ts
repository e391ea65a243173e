import { z } from 'zod';
import type { ChatContext } from './chat.db.js';
import type { ReadMarksService, ReadMoved } from './read-marks.service.js';

const markRead = z.strictObject({ messageId: z.string().min(1).max(64) });

/**
 * Read receipts on /chat: the widget (open, on a visible tab) and the panel (the dialog open, on a
 * visible tab) say which message they show last; a mark that moved goes to both sides at once —
 * the account's panels and every tab of the visitor.
 */
export function registerReadMarksSockets(ctx: ChatContext, marks: ReadMarksService): void {
  const ns = ctx.realtime.namespace;
  const publish = ({ accountId, visitorId, ...read }: ReadMoved) => ns.to([`account:${accountId}`, `visitor:${visitorId}`]).emit('dialog.read', read);

  ctx.realtime.on(
    'messages.read',
    markRead,
    async ({ messageId }, _socket, v) => {
      const moved = await marks.markRead({ side: 'visitor', visitorId: v.visitorId }, messageId);
      if (moved) publish(moved);
      return null;
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'messages.read',
    markRead,
    async ({ messageId }, _socket, u) => {
      const moved = await marks.markRead({ side: 'operator', accountId: u.accountId }, messageId);
      if (moved) publish(moved);
      return null;
    },
    { from: 'user' },
  );
}
