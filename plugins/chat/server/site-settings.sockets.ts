import { z } from 'zod';
import type { ServerToOperator, ServerToVisitor, SiteBriefDto } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';

/**
 * A site's settings on /chat: panels load the account's sites (C20, which notifications each site
 * allows — the chat's own per-site setting) and hear of changes; open widgets of the site switch
 * their language (A8). Both `core.site.updated` (name, language) and `ctx.settings.onSiteChanged`
 * (the chat's settings) are told in every core process, so each relays to its own sockets only
 * (`local`), as the design relay does. The working-hours part is WorkingHoursGate's.
 */
export function registerSiteSettingsSockets(ctx: ChatContext): void {
  const brief = (siteId: string, name: string): SiteBriefDto => ({ id: siteId, name, notifications: ctx.settings.site(siteId).notifications });
  const toPanels = (accountId: string, site: Parameters<ServerToOperator['site.updated']>[0]) => ctx.realtime.namespace.local.to(`account:${accountId}`).emit('site.updated', site);

  ctx.realtime.on('sites.list', z.object({}), (_p, _socket, u): SiteBriefDto[] => ctx.content.sitesOf(u.accountId).map((site) => brief(site.documentId, site.name)), { from: 'user', reads: true });

  ctx.events.subscribe('core.site.updated', ({ accountId, siteId, settings, changed }) => {
    if (changed.includes('chatLanguage')) {
      const toWidgets: Parameters<ServerToVisitor['site.updated']>[0] = { locale: settings.chatLanguage };
      ctx.realtime.namespace.local.to(`site:${siteId}`).emit('site.updated', toWidgets);
    }
    if (changed.includes('name')) toPanels(accountId, brief(siteId, settings.name));
  });

  ctx.settings.onSiteChanged(({ accountId, siteId, value }) => {
    const site = ctx.content.site(siteId);
    if (site) toPanels(accountId, { id: siteId, name: site.name, notifications: value.notifications });
  });
}
