import { z } from 'zod';
import { notificationsOf } from '../../../core/src/index.js';
import type { ServerToOperator, ServerToVisitor, SiteBriefDto } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';

/**
 * A site's settings on /chat: panels load the account's sites (C20, which notifications each site
 * allows) and hear of changes; open widgets of the site switch their language (A8). The core
 * publishes `core.site.updated` in every process (sites/site-changes.ts), so each relays it to its
 * own sockets only (`local`), as the design relay does. The working-hours part is WorkingHoursGate's.
 */
export function registerSiteSettingsSockets(ctx: ChatContext): void {
  ctx.realtime.on(
    'sites.list',
    z.object({}),
    (_p, _socket, u): SiteBriefDto[] => ctx.content.sitesOf(u.accountId).map((site) => ({ id: site.documentId, name: site.name, notifications: notificationsOf(site) })),
    { from: 'user' },
  );

  ctx.events.subscribe('core.site.updated', ({ accountId, siteId, settings, changed }) => {
    const local = ctx.realtime.namespace.local;
    if (changed.includes('chatLanguage')) {
      const toWidgets: Parameters<ServerToVisitor['site.updated']>[0] = { locale: settings.chatLanguage };
      local.to(`site:${siteId}`).emit('site.updated', toWidgets);
    }
    if (changed.includes('name') || changed.includes('notifications')) {
      const toPanels: Parameters<ServerToOperator['site.updated']>[0] = { id: siteId, name: settings.name, notifications: settings.notifications };
      local.to(`account:${accountId}`).emit('site.updated', toPanels);
    }
  });
}
