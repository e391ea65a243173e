import type { Server } from 'socket.io';
import type { ContentSnapshot } from '../content/content.types.js';
import { socketAuth, type SocketAuthDeps } from './socket-server.js';

/**
 * `/panel`: the operator panel's own connection. It carries core notices (such as `auth.revoked`
 * when an admin disconnects the user, or `plugins.changed` when the agency switches a plugin of
 * the account); plugins talk on their own namespaces.
 */
export function setupPanelNamespace(io: Server, deps: SocketAuthDeps): void {
  io.of('/panel').use(socketAuth(deps, 'user'));
  watchPluginEnablements(io, deps.content);
}

/**
 * Tells an account's open panels that its plugins changed (A7), so their navigation and slots
 * follow without a reload. Each core process learns of content changes itself (the CMS webhook or
 * the Redis re-read), so it tells only its own sockets (`local`).
 */
function watchPluginEnablements(io: Server, content: SocketAuthDeps['content']): void {
  const byAccount = (snapshot: Pick<ContentSnapshot, 'pluginEnablements'>) => {
    const map = new Map<string, string>();
    for (const e of [...snapshot.pluginEnablements].sort((a, b) => a.pluginId.localeCompare(b.pluginId))) {
      if (e.account) map.set(e.account, `${map.get(e.account) ?? ''}${e.pluginId}=${e.enabled};`);
    }
    return map;
  };
  // Empty at first: a change that lands before the first comparison is told rather than missed (a
  // needless notice only makes a panel re-read its list).
  let last = new Map<string, string>();
  content.onChange((snapshot) => {
    const next = byAccount(snapshot);
    for (const account of new Set([...last.keys(), ...next.keys()])) {
      if (last.get(account) !== next.get(account)) io.of('/panel').local.to(`account:${account}`).emit('plugins.changed', {});
    }
    last = next;
  });
}
