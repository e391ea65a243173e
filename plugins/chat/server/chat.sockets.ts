import { z } from 'zod';
import { type Actor, HttpError } from '../../../core/src/index.js';
import type { ChatActor } from '../shared/chat.events.js';
import { CHAT_LIMITS, type VisitorState } from '../shared/chat.protocol.js';
import { MAX_FILES_PER_MESSAGE } from './attachments.service.js';
import type { ChatContext } from './chat.db.js';
import { toEarlier } from './chat.dto.js';
import { MailClock, transcriptMail } from './chat.mail.js';
import type { DialogRow, DialogsService } from './dialogs.service.js';
import type { ConversationService } from './conversation.service.js';
import type { MessagesService } from './messages.service.js';
import { messageText, visitorFields } from './visitor-fields.js';
import type { OfflineRequestsService } from './offline-requests.service.js';
import type { PresenceService } from './presence.service.js';
import { clientIp } from './visitor-profile.js';
import type { VisitorsService } from './visitors.service.js';

const text = messageText.min(1, 'The message is empty');
const clientId = z.string().min(8).max(64);
const id = z.string().min(1).max(64);
const page = z.object({ url: z.string().max(2000), title: z.string().max(500), referrer: z.string().max(2000) });
const activity = z.enum(['active', 'hidden', 'left']);
const shortText = (max: number) => z.string().trim().max(max);
/** A message's text may be empty when it carries files (C7), but not both. */
const messageFields = {
  clientId,
  text: messageText,
  attachmentIds: z
    .array(z.uuid('Unknown file id'))
    .max(MAX_FILES_PER_MESSAGE, `At most ${MAX_FILES_PER_MESSAGE} files per message`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
};
const hasContent = (m: { text: string; attachmentIds: string[] }) => m.text.length > 0 || m.attachmentIds.length > 0;
const emptyMessage = { message: 'The message is empty', path: ['text'] };

/** An operator as the actor of a chat event. */
const by = (u: { userId: number }): ChatActor => ({ kind: 'operator', userId: u.userId });

interface Services {
  conversation: ConversationService;
  visitors: VisitorsService;
  dialogs: DialogsService;
  messages: MessagesService;
  presence: PresenceService;
  offline: OfflineRequestsService;
}

/** The /chat namespace: visitor and operator events of the protocol (shared/chat.protocol.ts). */
export function registerChatSockets(ctx: ChatContext, s: Services): void {
  const ns = ctx.realtime.namespace;
  const talk = s.conversation;
  const toOperators = (accountId: string) => talk.toOperators(accountId);
  const toVisitor = (visitorId: string) => talk.toVisitor(visitorId);
  const publishDialog = (row: DialogRow) => talk.publishDialog(row);

  // ---- visitors ----
  ctx.realtime.on(
    'visitor.hello',
    z.object({ page, activity, chatOpen: z.boolean().optional() }),
    async ({ page: p, activity: a, chatOpen }, socket, v): Promise<VisitorState> => {
      const site = ctx.content.site(v.siteId);
      const arrival = { page: p, activity: a, chatOpen, userAgent: socket.handshake.headers['user-agent'], ip: clientIp(socket.handshake) };
      // The visitor without their history and the new view: every reload would otherwise send the history to every panel (protocol).
      toOperators(v.accountId).emit('visitor.arrived', await s.visitors.hello(v, arrival, site?.chatLanguage ?? 'ru'));
      const { online, operators } = await s.presence.gateOf(v.accountId, v.siteId);
      const dialog = await s.dialogs.openOf(v.visitorId);
      const messages = dialog ? await s.messages.listDtos(dialog.id) : [];
      const ratingRequestedFor = await s.visitors.ratingRequestedFor(v.visitorId);
      const earlier = await s.dialogs.hasEarlier(v.visitorId);
      return { visitorId: v.visitorId, online, operators, dialog: dialog ? await s.dialogs.dto(dialog) : null, messages, ratingRequestedFor, earlier };
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'visitor.history',
    z.object({ before: id.optional() }),
    async ({ before }, _socket, v) => {
      const { rows, more } = await s.dialogs.earlierOf(v.visitorId, before, CHAT_LIMITS.historyDialogs);
      const dialogs = await Promise.all(rows.map(async (d) => ({ ...toEarlier(d), messages: (await s.messages.listDtos(d.id)).slice(-CHAT_LIMITS.historyMessages) })));
      return { dialogs, more };
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'visitor.page',
    page,
    async (p, _socket, v) => {
      // The new view only: the whole visitor carries their page history (protocol).
      toOperators(v.accountId).emit('visitor.pageViewed', { visitorId: v.visitorId, ...(await s.visitors.page(v, p)) });
      return null;
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'visitor.activity',
    z.object({ state: activity, chatOpen: z.boolean().optional() }),
    async ({ state, chatOpen }, _socket, v) => {
      toOperators(v.accountId).emit('visitor.presence', await s.visitors.activity(v, state, chatOpen));
      return null;
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'message.send',
    z.object(messageFields).refine(hasContent, emptyMessage),
    (m, socket, v) => talk.fromVisitor(v, m, socket),
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'typing',
    z.object({ draft: z.string().max(CHAT_LIMITS.draftLength) }),
    async ({ draft }, _socket, v) => {
      const dialog = await s.dialogs.openOf(v.visitorId);
      toOperators(v.accountId).emit('visitor.typing', { dialogId: dialog?.id ?? null, visitorId: v.visitorId, draft });
      return null;
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'rating.submit',
    z.object({ dialogId: id, rating: z.number().int().min(1).max(5), comment: shortText(1000).optional() }),
    async ({ dialogId, rating, comment }, _socket, v) => {
      await publishDialog(await s.dialogs.rate(v.visitorId, dialogId, rating, comment));
      return null;
    },
    { from: 'visitor' },
  );

  ctx.realtime.on(
    'offline.submit',
    z.object({ clientId, name: shortText(100).min(1, 'Enter your name'), email: z.email('Enter a valid e-mail address'), phone: shortText(40).optional(), text: text }),
    async (form, socket, v) => {
      const posted = await s.offline.submit(v, form, clientIp(socket.handshake));
      if (!posted) return null;
      for (const row of posted.created) talk.publishMessage(posted.dialog, await s.messages.dto(row), 'message.created');
      if (posted.opened) await publishDialog(posted.dialog);
      await talk.publishVisitor(v.accountId, v.visitorId);
      return null;
    },
    { from: 'visitor' },
  );

  // ---- operators ----
  ctx.realtime.on(
    'operator.status',
    z.object({ status: z.enum(['online', 'away', 'offline']) }),
    async ({ status }, _socket, u) => {
      await s.presence.setStatus(u.userId, u.accountId, status);
      await s.presence.announce(u.accountId, [{ userId: u.userId, status }]);
      return { status };
    },
    { from: 'user' },
  );

  // `reads`: what a support visit (read-only, issue 15) may send — the lists and opening a dialog to read it.
  const reads = { from: 'user', reads: true } as const;
  ctx.realtime.on('visitors.list', z.object({}), (_p, _socket, u) => s.visitors.list(u.accountId), reads);

  ctx.realtime.on(
    'dialogs.list',
    z.object({ section: z.enum(['mine', 'common', 'archive', 'important', 'blocked']), status: z.enum(['open', 'closed']).optional() }),
    async ({ section, status }, _socket, u) => s.dialogs.dtos(await s.dialogs.list(u.accountId, u.userId, section, status)),
    reads,
  );

  ctx.realtime.on(
    'dialog.open',
    z.object({ dialogId: id }),
    async ({ dialogId }, _socket, u) => {
      const dialog = await s.dialogs.get(u.accountId, dialogId);
      const messages = await s.messages.listDtos(dialogId);
      return { dialog: await s.dialogs.dto(dialog), visitor: await s.visitors.get(u.accountId, dialog.visitor_id), messages };
    },
    reads,
  );

  ctx.realtime.on(
    'dialog.start',
    z.object({ visitorId: id }),
    async ({ visitorId }, _socket, u) => {
      const dialog = await s.dialogs.start(u.accountId, visitorId, u.userId);
      const dto = await publishDialog(dialog);
      await talk.publishVisitor(u.accountId, visitorId);
      return dto;
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'message.send',
    z.object({ dialogId: id, ...messageFields }).refine(hasContent, emptyMessage),
    ({ dialogId, ...m }, socket, u) => talk.fromOperator(u, dialogId, m, socket),
    { from: 'user' },
  );

  ctx.realtime.on(
    'message.edit',
    z.object({ messageId: id, text }),
    async ({ messageId, text: newText }, _socket, u) => {
      const row = await s.messages.edit(messageId, u.userId, u.accountId, newText);
      const dto = await s.messages.dto(row);
      talk.publishMessage(await s.dialogs.get(u.accountId, row.dialog_id), dto, 'message.updated');
      return dto;
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'operator.typing',
    z.object({ dialogId: id, typing: z.boolean() }),
    async ({ dialogId, typing }, _socket, u) => {
      const dialog = await s.dialogs.get(u.accountId, dialogId);
      toVisitor(dialog.visitor_id).emit('operator.typing', { dialogId, typing });
      return null;
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.transfer',
    z
      .object({ dialogId: id, toUserId: z.number().int().positive().optional(), toDepartmentId: id.optional() })
      .refine((p) => (p.toUserId === undefined) !== (p.toDepartmentId === undefined), 'Give exactly one of toUserId (an operator) or toDepartmentId (a department)'),
    async ({ dialogId, toUserId, toDepartmentId }, _socket, u) => {
      const { dialog, note } =
        toDepartmentId === undefined
          ? await s.dialogs.transferToOperator(u.accountId, dialogId, toUserId, (userId) => s.presence.isOnline(u.accountId, userId), by(u))
          : await s.dialogs.transferToDepartment(u.accountId, dialogId, toDepartmentId, by(u));
      await talk.note(dialog, note);
      // After the note, so the dialog's last message is the note.
      return publishDialog(dialog);
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.close',
    z.object({ dialogId: id }),
    async ({ dialogId }, _socket, u) => {
      const dialog = await s.dialogs.close(u.accountId, dialogId, by(u));
      toVisitor(dialog.visitor_id).emit('dialog.closed', { dialogId });
      return publishDialog(dialog);
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.important',
    z.object({ dialogId: id, important: z.boolean() }),
    async ({ dialogId, important }, _socket, u) => {
      const dialog = await s.dialogs.important(u.accountId, dialogId, important, by(u));
      return publishDialog(dialog);
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.classify',
    z.object({ dialogId: id, leadClass: z.enum(['target', 'non-target', 'spam']).nullable() }),
    async ({ dialogId, leadClass }, _socket, u) => {
      const dialog = await s.dialogs.classify(u.accountId, dialogId, leadClass, by(u));
      return publishDialog(dialog);
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.requestRating',
    z.object({ dialogId: id }),
    async ({ dialogId }, _socket, u) => {
      const asked = await s.dialogs.get(u.accountId, dialogId);
      if (asked.rating !== null) throw new HttpError(409, 'already_rated', 'The visitor has already rated this dialog');
      // Stored, so a widget (re)loaded later still asks (VisitorState.ratingRequestedFor).
      const dialog = await s.dialogs.set(u.accountId, dialogId, { rating_requested_at: Date.now() });
      toVisitor(dialog.visitor_id).emit('rating.requested', { dialogId });
      return null;
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'dialog.transcript',
    z.object({ dialogId: id, email: z.email('Enter a valid e-mail address') }),
    async ({ dialogId, email }, _socket, u) => {
      const dialog = await s.dialogs.get(u.accountId, dialogId);
      const messages = await s.messages.listDtos(dialog.id);
      const site = ctx.content.site(dialog.site_id);
      const clock = new MailClock(ctx.content.account(u.accountId)?.timezone);
      await ctx.mail.send(transcriptMail(email, ctx.content.user(u.userId)?.panelLocale ?? 'ru', site?.url ?? '', messages, clock));
      return null;
    },
    { from: 'user' },
  );

  ctx.realtime.on(
    'visitor.update',
    visitorFields.extend({ visitorId: id }),
    ({ visitorId, ...changes }, _socket, u) => talk.setVisitorFields(u.accountId, visitorId, changes),
    { from: 'user' },
  );

  ctx.realtime.on(
    'visitor.block',
    z.object({ visitorId: id, blocked: z.boolean() }),
    async ({ visitorId, blocked }, _socket, u) => {
      const visitor = await s.visitors.block(u.accountId, visitorId, blocked, by(u));
      toOperators(u.accountId).emit('visitor.updated', visitor);
      const open = await s.dialogs.openOf(visitorId);
      if (open) await publishDialog(open);
      s.dialogs.notifyChanged(u.accountId);
      return visitor;
    },
    { from: 'user' },
  );

  // Presence follows the sockets: a visitor whose last tab closed has left; an operator whose last
  // panel closed is no longer reachable.
  ns.on('connection', (socket) => {
    const actor = (socket.data as { actor: Actor }).actor;
    if (actor.kind === 'user') void s.presence.broadcast(actor.accountId).catch((err: unknown) => ctx.logger.error({ err }, 'presence broadcast failed'));
    socket.on('disconnect', () => {
      void (async () => {
        if (actor.kind === 'user') return s.presence.broadcast(actor.accountId);
        const stillHere = await ns.in(`visitor:${actor.visitorId}`).fetchSockets();
        if (stillHere.length) return;
        toOperators(actor.accountId).emit('visitor.presence', await s.visitors.left(actor));
      })().catch((err: unknown) => {
        // A visitor who closes the page before `visitor.hello` has no row yet: nothing to update,
        // nothing wrong (bots and quick bounces do it all day).
        if (err instanceof HttpError && err.status === 404) return ctx.logger.debug('visitor left before greeting');
        ctx.logger.error({ err }, 'presence update failed');
      });
    });
  });
}
