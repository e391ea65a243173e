import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { HttpError } from '../http/http-error.js';
import { isSupport, type Actor } from '../kernel/actor.js';
import type { SocketAck } from '../kernel/plugin.types.js';
import { readOnlyAck } from './read-only.js';
import { socketAuth, type SocketAuthDeps, type SocketData } from './socket-server.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** The core's own events on `/panel`, typed as a plugin's `ctx.realtime.on`. */
export interface PanelEvents {
  /** `reads: true`: the event changes nothing, so a support visit (read-only, issue 15) may send it. */
  on<S extends z.ZodType>(event: string, schema: S, handler: (payload: z.output<S>, socket: Socket, actor: UserActor) => unknown, options?: { reads?: boolean }): void;
}

/**
 * `/panel`: the operator panel's own connection. It carries core notices (such as `auth.revoked`
 * when an admin disconnects the user, or `plugins.changed` when the agency switches a plugin of
 * the account); plugins talk on their own namespaces. Its events, if the core registers any, are
 * validated and acknowledged like plugins' events, and a support visit's unmarked ones refused.
 */
export function setupPanelNamespace(io: Server, deps: SocketAuthDeps): PanelEvents {
  const namespace = io.of('/panel');
  namespace.use(socketAuth(deps, 'user'));
  const events = new Map<string, { schema: z.ZodType; handler: (payload: unknown, socket: Socket, actor: UserActor) => unknown; reads: boolean }>();
  namespace.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      const reply: SocketAck = typeof ack === 'function' ? (ack as SocketAck) : () => undefined;
      const entry = events.get(event);
      const actor = (socket.data as SocketData).actor;
      if (!entry || actor.kind !== 'user') return reply({ ok: false, error: { code: 'forbidden', message: `"${event}" is not available to you` } });
      if (isSupport(actor) && !entry.reads) return reply(readOnlyAck);
      const parsed = entry.schema.safeParse(args[0]);
      if (!parsed.success) return reply({ ok: false, error: { code: 'validation_failed', message: parsed.error.issues.map((i) => i.message).join('; ') } });
      Promise.resolve()
        .then(() => entry.handler(parsed.data, socket, actor))
        .then(
          (data) => reply({ ok: true, data: data ?? null }),
          (err: unknown) => reply({ ok: false, error: err instanceof HttpError ? { code: err.code, message: err.message } : { code: 'internal', message: 'Something went wrong on our side; try again' } }),
        );
    });
  });
  return {
    on: (event, schema, handler, options) => {
      events.set(event, { schema, handler: handler as (payload: unknown, socket: Socket, actor: UserActor) => unknown, reads: options?.reads === true });
    },
  };
}

/**
 * Tells an account's open panels on this process that its plugins changed (A7), so their
 * navigation and slots follow without a reload (realtime/plugin-enablements.ts says when).
 */
export function tellPanelsPluginsChanged(io: Server, accountId: string): void {
  io.of('/panel').local.to(`account:${accountId}`).emit('plugins.changed', {});
}
