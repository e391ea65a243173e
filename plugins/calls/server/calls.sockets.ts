import type { Socket } from 'socket.io';
import { HttpError, isSupport, type Actor } from '../../../core/src/index.js';
import type { CallChatService } from './call-chat.service.js';
import type { CallsContext } from './calls.context.js';
import { ringRoom } from './calls.rooms.js';
import { callsSchemas as s } from './calls.schemas.js';
import type { CallsService } from './calls.service.js';
import type { GuestService } from './guest.service.js';
import { grantOf, type HandoverService } from './handover.service.js';
import type { InvitesService } from './invites.service.js';
import type { LegsService } from './legs.service.js';
import type { RecordingsService } from './recordings.service.js';
import { invitedIn } from './participants.js';

/**
 * The `/calls` namespace (calls.protocol.ts). Operators' panels join `ring:<userId>` to hear
 * rings; a phone that redeemed a hand-over (a grant on its socket) acts on its one call only.
 * Every event is validated (calls.schemas.ts) and answered `{ ok, data }` by the kernel.
 */
export function registerCallsSockets(
  ctx: CallsContext,
  deps: { calls: CallsService; legs: LegsService; handover: HandoverService; recordings: RecordingsService; chat: CallChatService; invites: InvitesService; guests: GuestService },
): void {
  const { calls, legs, handover, recordings, chat, invites, guests } = deps;
  const ns = ctx.realtime.namespace;
  const perCaller = ctx.rateLimits.limiter('starts', ctx.options.limits.startsPerMinute, 60);
  const perOperator = ctx.rateLimits.limiter('handovers', ctx.options.limits.handoversPerMinute, 60);
  ctx.realtime.acceptTokens((token, socket) => handover.resolve(token, socket));

  ns.on('connection', (socket: Socket) => {
    const actor = (socket.data as { actor: Actor }).actor;
    // A support visit reads; it is rung for nothing. A phone hears its own call only (as a leg).
    if (actor.kind === 'user' && !isSupport(actor) && !grantOf(socket)) void socket.join(ringRoom(actor.userId));
    socket.on('disconnect', () => void legs.socketGone(socket.id).catch((err: unknown) => ctx.logger.warn({ err }, 'could not remove the legs of a gone socket')));
  });

  /** A grant's socket may name its own call only. */
  const scoped = (socket: Socket, callId: string) => {
    const grant = grantOf(socket);
    if (grant && grant.callId !== callId) throw grant.guest === undefined ? handoverOnly() : guestOnly();
  };
  const noGrant = (socket: Socket) => {
    const grant = grantOf(socket);
    if (grant) throw grant.guest === undefined ? handoverOnly() : guestOnly();
  };
  /** D4: a guest takes part in their call and does nothing else (no start, accept, hand-over, invitation, screen request). */
  const noGuest = (socket: Socket, callId: string) => {
    if (grantOf(socket)?.guest !== undefined) throw guestOnly();
    scoped(socket, callId);
  };

  ctx.realtime.on(
    'call.start',
    s.operatorStart,
    async (input, socket, actor) => {
      noGrant(socket);
      await ctx.rateLimits.consume(perCaller, `u:${actor.userId}`);
      return calls.startByOperator(actor, input.dialogId, input.video ?? false);
    },
    { from: 'user' },
  );
  ctx.realtime.on(
    'call.start',
    s.visitorStart,
    async (input, _socket, actor) => {
      await ctx.rateLimits.consume(perCaller, `v:${actor.visitorId}`);
      return calls.startByVisitor(actor, input.video ?? false);
    },
    { from: 'visitor' },
  );
  ctx.realtime.on('call.accept', s.callRef, async ({ callId }, socket, actor) => {
    noGuest(socket, callId);
    const row = await calls.accept(actor, callId);
    const join = await legs.join(actor, socket, row);
    calls.announceAnswered(row);
    return join;
  });
  ctx.realtime.on('call.join', s.callRef, async ({ callId }, socket, actor) => {
    scoped(socket, callId);
    return legs.join(actor, socket, await calls.load(actor, callId));
  });
  ctx.realtime.on('call.decline', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), calls.decline(actor, callId)));
  ctx.realtime.on('call.hangup', s.callRef, async ({ callId }, socket, actor) => {
    scoped(socket, callId);
    // D4: a guest, or an operator who joined by an invitation, leaves; the call goes on for the others.
    const row = await calls.load(actor, callId);
    const joinedBesides = actor.kind === 'user' && (grantOf(socket)?.guest !== undefined || (row.operator_id !== actor.userId && invitedIn(row, actor.userId)));
    if (joinedBesides && row.state === 'active') return calls.dto(await legs.leaveCall(actor, socket, row));
    return calls.hangup(actor, callId);
  });
  ctx.realtime.on('call.leave', s.leave, (input, socket, actor) => (scoped(socket, input.callId), legs.leave(actor, socket, input)));
  ctx.realtime.on('call.signal', s.signal, (input, socket, actor) => (scoped(socket, input.callId), legs.signal(actor, socket, input)));
  ctx.realtime.on('call.media', s.media, (input, socket, actor) => (scoped(socket, input.callId), legs.media(actor, socket, input)));
  ctx.realtime.on('call.screen.ask', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), legs.askScreen(actor, callId)), { from: 'user' });
  ctx.realtime.on('call.screen.answer', s.screenAnswer, ({ callId, allow }, _socket, actor) => legs.answerScreen(actor, callId, allow), { from: 'visitor' });
  ctx.realtime.on(
    'call.handover',
    s.callRef,
    async ({ callId }, socket, actor) => {
      noGuest(socket, callId);
      await ctx.rateLimits.consume(perOperator, `u:${actor.userId}`);
      return handover.create(actor, callId);
    },
    { from: 'user' },
  );
  ctx.realtime.on('call.messages', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), chat.messages(actor, callId)), { from: 'user', reads: true });
  ctx.realtime.on('call.message.send', s.messageSend, (input, socket, actor) => (noGuest(socket, input.callId), chat.send(actor, input)), { from: 'user' });
  ctx.realtime.on('call.recording.start', s.recordingStart, ({ callId, legId }, socket, actor) => (noGuest(socket, callId), recordings.start(actor, callId, legId)), { from: 'user' });
  ctx.realtime.on('call.recording.stop', s.recordingStop, ({ callId, recordingId }, socket, actor) => (noGuest(socket, callId), recordings.stop(actor, callId, recordingId)), { from: 'user' });
  ctx.realtime.on('call.invitable', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), invites.invitable(actor, callId)), { from: 'user' });
  ctx.realtime.on('call.invite', s.invite, ({ callId, userId }, socket, actor) => (noGuest(socket, callId), invites.invite(actor, callId, userId)), { from: 'user' });
  ctx.realtime.on('call.invite.accept', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), invites.accept(actor, socket, callId)), { from: 'user' });
  ctx.realtime.on('call.invite.decline', s.callRef, ({ callId }, socket, actor) => (noGuest(socket, callId), invites.decline(actor, callId)), { from: 'user' });
  ctx.realtime.on(
    'call.guest.link',
    s.callRef,
    async ({ callId }, socket, actor) => {
      noGuest(socket, callId);
      await ctx.rateLimits.consume(perOperator, `u:${actor.userId}`);
      return guests.link(actor, callId);
    },
    { from: 'user' },
  );
  ctx.realtime.on('calls.mine', s.mine, (_input, socket, actor) => calls.mine(actor, grantOf(socket)?.callId), { reads: true });
}

const handoverOnly = () => new HttpError(403, 'handover_only', 'This device is connected to the handed-over call only');
const guestOnly = () => new HttpError(403, 'guest_only', 'A guest can only take part in the call they were invited to');
