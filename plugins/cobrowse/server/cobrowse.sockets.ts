import type { Socket } from 'socket.io';
import { z } from 'zod';
import { isSupport, type Actor } from '../../../core/src/index.js';
import { FRAME_PART_BYTES } from '../shared/cobrowse.protocol.js';
import type { CobrowseContext } from './cobrowse.context.js';
import { BatchAssembler } from './frames.js';
import type { CobrowseSessions } from './sessions.js';

const id = z.string().min(1).max(64);
const schemas = {
  start: z.strictObject({ dialogId: id }),
  session: z.strictObject({ sessionId: id }),
  answer: z.strictObject({ sessionId: id, allow: z.boolean() }),
  mine: z.strictObject({}),
  // socket.io hands a binary attachment to the server as a Buffer.
  frames: z.strictObject({
    sessionId: id,
    tab: z.string().regex(/^[\w-]{1,40}$/),
    seq: z.number().int().min(0),
    last: z.boolean(),
    gzip: z.boolean(),
    data: z.instanceof(Buffer).refine((b) => b.length > 0 && b.length <= FRAME_PART_BYTES, { message: `A part has 1 to ${FRAME_PART_BYTES} bytes` }),
  }),
};

/**
 * The `/cobrowse` namespace (cobrowse.protocol.ts). Panels start and stop observing; visitors'
 * pages answer the consent prompt and send their front tab's recording, which is relayed to the
 * session's room only (its observing panels). Every event is validated here and acked `{ ok, data }`.
 */
export function registerCobrowseSockets(ctx: CobrowseContext, sessions: CobrowseSessions): void {
  const ns = ctx.realtime.namespace;
  const perVisitor = ctx.rateLimits.limiter('parts', ctx.options.partsPerMinute, 60);
  const perOperator = ctx.rateLimits.limiter('starts', ctx.options.startsPerMinute, 60);
  const batches = new BatchAssembler(ctx.options.maxBatchBytes);
  const warn = (what: string) => (err: unknown) => ctx.logger.warn({ err }, what);

  ns.on('connection', (socket: Socket) => {
    const actor = (socket.data as { actor: Actor }).actor;
    socket.on('disconnect', () => {
      if (actor.kind === 'visitor') {
        batches.forget(socket.id);
        sessions.visitorSocketGone(actor.visitorId);
      } else void sessions.socketGone(socket.id).catch(warn('could not end the observations of a gone panel'));
    });
  });

  ctx.realtime.on(
    'cobrowse.start',
    schemas.start,
    async ({ dialogId }, socket, actor) => {
      // A support visit only reads: it does not look at a visitor's screen (not marked `reads`, so the core refuses it too).
      if (isSupport(actor)) return null;
      await ctx.rateLimits.consume(perOperator, `u:${actor.userId}`);
      return sessions.start(actor, socket, dialogId);
    },
    { from: 'user' },
  );
  ctx.realtime.on('cobrowse.stop', schemas.session, ({ sessionId }, socket, actor) => sessions.stop(actor, socket, sessionId), { from: 'user' });
  ctx.realtime.on('cobrowse.mine', schemas.mine, (_input, _socket, actor) => sessions.mine(actor), { from: 'visitor', reads: true });
  ctx.realtime.on('cobrowse.answer', schemas.answer, ({ sessionId, allow }, _socket, actor) => sessions.answer(actor, sessionId, allow), { from: 'visitor' });
  ctx.realtime.on('cobrowse.end', schemas.session, ({ sessionId }, _socket, actor) => sessions.endByVisitor(actor, sessionId), { from: 'visitor' });
  ctx.realtime.on(
    'cobrowse.frames',
    schemas.frames,
    async (part, socket, actor) => {
      await ctx.rateLimits.consume(perVisitor, actor.visitorId);
      const events = batches.add(socket.id, part);
      return events ? sessions.frames(actor, part.sessionId, part.tab, events) : null;
    },
    { from: 'visitor' },
  );
}
