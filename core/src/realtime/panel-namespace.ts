import type { Server } from 'socket.io';
import { socketAuth, type SocketAuthDeps } from './socket-server.js';

/**
 * `/panel`: the operator panel's own connection. It carries core notices (such as `auth.revoked`
 * when an admin disconnects the user); plugins talk on their own namespaces.
 */
export function setupPanelNamespace(io: Server, deps: SocketAuthDeps): void {
  io.of('/panel').use(socketAuth(deps, 'user'));
}
