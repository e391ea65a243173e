import { z } from 'zod';
import type { SiteRecord } from '../../../core/src/index.js';
import { CHAT_SITE_LIMITS, SITE_NOTIFY_KINDS, type ChatSiteSettings } from '../shared/chat-site-settings.js';
import type { ChatContext } from './chat.db.js';

/**
 * Until issue 10 the core's site record carried the chat's fields (`offlineEmails`,
 * `offlineEmailsEnabled`, `notifications`). The core no longer reads or writes them, but records
 * saved before still hold them in the CMS; this reads them as unknown JSON.
 */
type LegacySite = SiteRecord & { offlineEmails?: unknown; offlineEmailsEnabled?: unknown; notifications?: unknown };

const validEmail = z.email().max(CHAT_SITE_LIMITS.emailLength);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** What a site's legacy fields said, or null when they say nothing but the defaults (nothing to move). */
export function legacyChatSettings(site: SiteRecord): ChatSiteSettings | null {
  const legacy = site as LegacySite;
  const stored: unknown[] = Array.isArray(legacy.offlineEmails) ? legacy.offlineEmails : [];
  const emails = stored.filter((e): e is string => validEmail.safeParse(e).success).slice(0, CHAT_SITE_LIMITS.offlineEmails);
  const enabled = legacy.offlineEmailsEnabled !== false;
  const switches = record(legacy.notifications);
  const notifications = Object.fromEntries(SITE_NOTIFY_KINDS.map((k) => [k, switches[k] !== false])) as ChatSiteSettings['notifications'];
  if (enabled && !emails.length && SITE_NOTIFY_KINDS.every((k) => notifications[k])) return null;
  return { offlineForm: { enabled, emails }, notifications };
}

/**
 * Moves the legacy fields into the chat's plugin-setting records, once: a site that has a record
 * already keeps it (so a later edit is never overwritten, and a restart moves nothing again). Two
 * core processes starting at once may both save; the content cache keeps the latest per site, and
 * both saved the same value. Addresses that are not addresses are dropped, as the core's lenient
 * reading skipped them, so one bad address does not lose the rest.
 */
export async function moveLegacySiteSettings(ctx: ChatContext): Promise<number> {
  let moved = 0;
  for (const site of ctx.content.sites()) {
    if (!site.account || ctx.content.ownSetting('site', site.documentId)) continue;
    const value = legacyChatSettings(site);
    if (!value) continue;
    try {
      await ctx.settings.saveSite(site.documentId, value);
      moved++;
    } catch (err) {
      // One broken site must not stop the chat; its operators read the defaults, as with a broken record.
      ctx.logger.warn({ err, siteId: site.documentId }, 'could not move the site\'s legacy chat settings');
    }
  }
  if (moved) ctx.logger.info({ sites: moved }, 'moved legacy chat site settings to plugin settings');
  return moved;
}
