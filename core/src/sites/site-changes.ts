import type { ContentStore } from '../content/content-store.js';
import type { EventBus } from '../kernel/event-bus.js';
import type { SiteSettings } from './site-settings.contract.js';
import { settingsOf } from './site-settings.schema.js';

/**
 * Publishes `core.site.updated` whenever a site's settings in this process's content cache differ
 * from the last ones it saw — its own save, another core process's (through Redis) or an edit in
 * the CMS admin (the webhook). Every process does this for itself, as with the widget design
 * (design.service.ts), so subscribers tell the sockets of their own process only and each open
 * widget and panel hears of a change once. The settings as they are now are the baseline.
 */
export function announceSiteChanges(content: ContentStore, bus: EventBus): void {
  const seen = new Map<string, SiteSettings>();
  const compare = (publish: boolean) => {
    const present = new Set<string>();
    for (const site of content.sites()) {
      const settings = settingsOf(site);
      const before = seen.get(site.documentId);
      present.add(site.documentId);
      seen.set(site.documentId, settings);
      // A new site is no change: nothing is open for it yet (`core.site.created` tells of it).
      if (!publish || !before || !site.account) continue;
      const changed = (Object.keys(settings) as (keyof SiteSettings)[]).filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(before[key]));
      if (changed.length) bus.publish('core.site.updated', { accountId: site.account, siteId: site.documentId, settings, changed });
    }
    for (const siteId of seen.keys()) if (!present.has(siteId)) seen.delete(siteId);
  };
  compare(false);
  content.onChange(() => compare(true));
}
