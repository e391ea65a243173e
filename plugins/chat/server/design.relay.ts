import type { PluginContext } from '../../../core/src/index.js';
import type { ServerToVisitor } from '../shared/chat.protocol.js';

/**
 * B3–B8: a saved widget design reaches the open widgets of its site without a reload. The core
 * publishes `core.site.designChanged` in every core process (each learns of the change itself),
 * so each relays it to its own sockets only (`local`): through the Redis adapter a room emit
 * would reach every widget once per process.
 */
export function relayDesignChanges(ctx: Pick<PluginContext, 'events' | 'realtime'>): void {
  ctx.events.subscribe('core.site.designChanged', ({ siteId, design }) => {
    const event: keyof ServerToVisitor = 'design.updated';
    ctx.realtime.namespace.local.to(`site:${siteId}`).emit(event, design);
  });
}
