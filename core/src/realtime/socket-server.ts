import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ActorResolver } from '../auth/actor-resolver.js';
import type { ContentStore } from '../content/content-store.js';
import type { Actor, MemberActor } from '../kernel/actor.js';
import { ConnectionsPerAddress, guardConnections, TOO_MANY_CONNECTIONS, type SocketLimits } from './socket-limits.js';

export interface SocketData {
  actor: Actor;
}

export type CoreSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

export function createSocketServer(http: HttpServer, isKnownOrigin: (origin: string) => boolean, limits: SocketLimits): Server {
  const addresses = new ConnectionsPerAddress(limits.connectionsPerAddress);
  const io = new Server(http, {
    maxHttpBufferSize: limits.frameBytes,
    // CORS covers long-polling; allowRequest covers the WebSocket upgrade, which CORS does not.
    cors: { origin: (origin, cb) => cb(null, !origin || isKnownOrigin(origin)) },
    allowRequest: (req, cb) => {
      const origin = req.headers.origin;
      if (origin && !isKnownOrigin(origin)) return cb(null, false);
      if (!addresses.admit(req)) return cb(TOO_MANY_CONNECTIONS, false);
      cb(null, true);
    },
  });
  guardConnections(io, limits, addresses);
  return io;
}

/**
 * Authenticates a socket from `auth.token` and puts it into the rooms the core addresses:
 * users into `user:<id>` and `account:<id>` (the account's signed-in users), visitors into
 * `visitor:<id>` and `site:<id>`. A visitor's browser must connect
 * from one of its site's addresses; a user's from the panel's own origin.
 */
async function authenticateSocket(
  socket: Socket,
  resolver: ActorResolver,
  content: ContentStore,
  panelOrigin: string,
  accept: 'user' | 'any',
  ownTokens?: OwnTokens,
): Promise<Actor | undefined> {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  if (typeof token !== 'string') return undefined;
  const actor = accept === 'user' ? await resolver.user(token) : await resolver.any(token);
  const origin = socket.handshake.headers.origin;
  if (!actor) {
    // A plugin's own token (a grant of one thing): the panel's origin, and only the user's room,
    // so the user's disconnection still drops it while nothing addressed to the account reaches it.
    const granted = ownTokens && token.length <= 512 ? await ownTokens(token, socket) : undefined;
    if (!granted || (origin && origin !== panelOrigin)) return undefined;
    await socket.join(`user:${granted.userId}`);
    return granted;
  }
  if (actor.kind === 'visitor') {
    if (!origin || !content.site(actor.siteId)?.origins.includes(origin)) return undefined;
    // Not `account:`: that room is the account's signed-in users, who see other visitors' data.
    await socket.join([`visitor:${actor.visitorId}`, `site:${actor.siteId}`]);
  } else {
    if (origin && origin !== panelOrigin) return undefined;
    await socket.join([`user:${actor.userId}`, `account:${actor.accountId}`]);
  }
  return actor;
}

export interface SocketAuthDeps {
  resolver: ActorResolver;
  content: ContentStore;
  panelOrigin: string;
}

/** A plugin namespace's resolver of the plugin's own tokens (PluginRealtime.acceptTokens). */
export type OwnTokens = (token: string, socket: Socket) => Promise<MemberActor | undefined>;

/**
 * Namespace middleware: authenticates the socket, then lets `refuse` veto the actor with an error
 * code (e.g. `plugin_disabled`); the client sees that code as its connect_error message.
 */
export function socketAuth(
  deps: SocketAuthDeps,
  accept: 'user' | 'any',
  refuse: (actor: Actor) => string | undefined = () => undefined,
  ownTokens?: () => OwnTokens | undefined,
): (socket: Socket, next: (err?: Error) => void) => void {
  return (socket, next) => {
    authenticateSocket(socket, deps.resolver, deps.content, deps.panelOrigin, accept, ownTokens?.())
      .then((actor) => {
        if (!actor) return next(new Error('unauthorized'));
        const refusal = refuse(actor);
        if (refusal) return next(new Error(refusal));
        (socket.data as SocketData).actor = actor;
        next();
      })
      .catch((err: unknown) => next(err instanceof Error ? err : new Error(String(err))));
  };
}

/** Tells every socket of a user, in every namespace, that its session is over, and drops them. */
export function dropUserSockets(io: Server, userId: number): void {
  for (const namespace of io._nsps.values()) {
    namespace.in(`user:${userId}`).emit('auth.revoked', { reason: 'disconnected' });
    namespace.in(`user:${userId}`).disconnectSockets(true);
  }
}

/** Drops every visitor socket of a deleted site, in every namespace; their reconnection is refused (no such site). */
export function dropSiteSockets(io: Server, siteId: string): void {
  for (const namespace of io._nsps.values()) namespace.in(`site:${siteId}`).disconnectSockets(true);
}

/**
 * Tells a user's open panels that their account standing changed (`auth.changed`, e.g. a new
 * role): the panel refreshes its session, whose new access token and user view carry it.
 */
export function tellUserPanels(io: Server, userId: number): void {
  io.of('/panel').in(`user:${userId}`).emit('auth.changed', {});
}
