import { z } from 'zod';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import { isAccountAdmin } from './operators.service.js';
import type { RepliesService } from './replies.service.js';
import type { TemplateEditor, TemplatesService } from './templates.service.js';

const id = z.string().min(1).max(64);
const limited = (what: string, max: number) => z.string().trim().min(1, `Enter the ${what}`).max(max, `At most ${max} characters`);

/** The chat input's helpers on /chat: quick replies (C11, the operator's own) and templates (C12, the account's). */
export function registerRepliesSockets(ctx: ChatContext, s: { replies: RepliesService; templates: TemplatesService }): void {
  const user = { from: 'user' } as const;
  const reads = { from: 'user', reads: true } as const;

  ctx.realtime.on('replies.list', z.object({}), (_p, _socket, u) => s.replies.list(u.accountId, u.userId), reads);
  ctx.realtime.on('replies.create', z.object({ text: limited('reply text', CHAT_LIMITS.quickReplyLength) }), ({ text }, _socket, u) => s.replies.create(u.accountId, u.userId, text), user);
  ctx.realtime.on('replies.star', z.object({ messageId: id }), ({ messageId }, _socket, u) => s.replies.star(u.accountId, u.userId, messageId), user);
  ctx.realtime.on('replies.use', z.object({ id }), ({ id: replyId }, _socket, u) => s.replies.use(u.accountId, u.userId, replyId), user);
  ctx.realtime.on(
    'replies.update',
    z.object({ id, text: limited('reply text', CHAT_LIMITS.quickReplyLength) }),
    ({ id: replyId, text }, _socket, u) => s.replies.update(u.accountId, u.userId, replyId, text),
    user,
  );
  ctx.realtime.on(
    'replies.delete',
    z.object({ id }),
    async ({ id: replyId }, _socket, u) => {
      await s.replies.remove(u.accountId, u.userId, replyId);
      return null;
    },
    user,
  );

  /** Every operator of the account sees a template change at once. */
  const changed = async (accountId: string) => {
    ctx.realtime.namespace.to(`account:${accountId}`).emit('templates.changed', await s.templates.list(accountId));
  };
  const editor = (userId: number): TemplateEditor => ({ userId, isAdmin: isAccountAdmin(ctx.content, userId) });

  ctx.realtime.on('templates.list', z.object({}), (_p, _socket, u) => s.templates.list(u.accountId), reads);
  ctx.realtime.on(
    'templates.save',
    z.object({ id: id.optional(), name: limited('template name', CHAT_LIMITS.templateNameLength), text: limited('template text', CHAT_LIMITS.templateLength) }),
    async (template, _socket, u) => {
      const saved = await s.templates.save(u.accountId, editor(u.userId), template);
      await changed(u.accountId);
      return saved;
    },
    user,
  );
  ctx.realtime.on(
    'templates.delete',
    z.object({ id }),
    async ({ id: templateId }, _socket, u) => {
      await s.templates.remove(u.accountId, editor(u.userId), templateId);
      await changed(u.accountId);
      return null;
    },
    user,
  );
}
