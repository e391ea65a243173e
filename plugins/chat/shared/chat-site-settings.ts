/**
 * The chat's per-site settings (`settings.site` of the chat plugin, `ctx.settings`): where the
 * offline form's messages are mailed (H6) and which browser notifications the site's operators may
 * get (C20). Stored as the chat's plugin-setting record, not on the core's site record; edited
 * under Sites → Settings → «Чат» (`PUT /api/plugins/chat/settings/sites/:siteId`). Types and
 * constants only: the panel, the wire protocol and the server import this file.
 */

/**
 * C20: the browser notifications a site's operators may get, each switchable per site. Incoming
 * calls and reached goals may join this list; a stored setting without a kind counts as on, so
 * adding one changes nothing for sites saved before.
 */
export const SITE_NOTIFY_KINDS = ['visitor', 'dialog', 'message'] as const;
export type SiteNotifyKind = (typeof SITE_NOTIFY_KINDS)[number];
export type SiteNotifications = Record<SiteNotifyKind, boolean>;

/** H6: where the offline form's messages are mailed. */
export interface OfflineFormSettings {
  /** On: to `emails`. Off (or no addresses): to the account's administrators, so no question goes unread. */
  enabled: boolean;
  emails: string[];
}

export interface ChatSiteSettings {
  offlineForm: OfflineFormSettings;
  notifications: SiteNotifications;
}

export const CHAT_SITE_LIMITS = {
  /** A team inbox or a few people; a longer list is a mailing list's job. */
  offlineEmails: 20,
  emailLength: 254,
} as const;
