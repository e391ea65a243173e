import type { Server, Socket } from 'socket.io';
import type { CoreToVisitor, WidgetPluginPart } from '../visitors/visitor.contract.js';
import type { ContentStore } from '../content/content-store.js';
import type { SiteRecord } from '../content/content.types.js';
import { socketAuth, type SocketAuthDeps, type SocketData } from './socket-server.js';

export interface VisitorNamespaceDeps extends SocketAuthDeps {
  content: ContentStore;
  /** What the widget session lists for a site (visitors/widget-plugins.ts). */
  widgetPlugins(site: { documentId: string; account: string }): WidgetPluginPart[];
}

/** The ids the widget compares: sorted, comma-separated (as it sends them in `auth.plugins`). */
const idsOf = (plugins: readonly { id: string }[]) =>
  plugins
    .map((p) => p.id)
    .sort()
    .join(',');

/**
 * `/visitor`: the widget shell's own namespace on the visitor's one connection (widget/src/host/),
 * as `/panel` is the panel's: core notices no plugin owns. Visitors only; each socket is in its
 * site's room (`site:<id>`), never an account's.
 *
 * `plugins.changed` (A7): the agency switched a plugin of the account, so each open widget of its
 * sites gets the list a new session would give — it mounts what is new and tears down what is gone.
 * A widget that connects (or reconnects, after missing a change) with other ids than the current
 * ones gets the list at once.
 */
export function setupVisitorNamespace(io: Server, deps: VisitorNamespaceDeps): { pluginsChanged(accountId: string): void } {
  const namespace = io.of('/visitor');
  namespace.use(socketAuth(deps, 'any', (actor) => (actor.kind === 'visitor' ? undefined : 'forbidden')));
  const listFor = (site: SiteRecord | undefined) => (site?.account ? deps.widgetPlugins({ documentId: site.documentId, account: site.account }) : []);
  namespace.on('connection', (socket: Socket<Record<string, never>, CoreToVisitor>) => {
    const actor = (socket.data as SocketData).actor;
    if (actor.kind !== 'visitor') return;
    const plugins = listFor(deps.content.site(actor.siteId));
    const has = (socket.handshake.auth as { plugins?: unknown }).plugins;
    if (has !== idsOf(plugins)) socket.emit('plugins.changed', { plugins });
  });
  return {
    // Each core process hears the change itself: it tells its own sockets only.
    pluginsChanged(accountId) {
      for (const site of deps.content.sitesOf(accountId)) {
        namespace.local.to(`site:${site.documentId}`).emit('plugins.changed', { plugins: listFor(site) });
      }
    },
  };
}
