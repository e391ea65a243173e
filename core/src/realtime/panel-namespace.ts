import type { Server } from 'socket.io';
import { socketAuth, type SocketAuthDeps } from './socket-server.js';

/**
 * `/panel`: the operator panel's own connection. It carries core notices (such as `auth.revoked`
 * when an admin disconnects the user, or `plugins.changed` when the agency switches a plugin of
 * the account); plugins talk on their own namespaces.
 */
export function setupPanelNamespace(io: Server, deps: SocketAuthDeps): void {
  io.of('/panel').use(socketAuth(deps, 'user'));
}

/**
 * Tells an account's open panels on this process that its plugins changed (A7), so their
 * navigation and slots follow without a reload (realtime/plugin-enablements.ts says when).
 */
export function tellPanelsPluginsChanged(io: Server, accountId: string): void {
  io.of('/panel').local.to(`account:${accountId}`).emit('plugins.changed', {});
}
