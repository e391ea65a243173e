/**
 * A site's settings as the core's REST API, the chat's wire contract and the panel see them
 * (A8 chat language, H6 offline form, C20 site notifications, I2 working hours); the contract is
 * docs/site-settings.md. Types and constants only, no imports: the panel and the chat protocol
 * import this file too.
 */

/**
 * C20: the browser notifications a site's operators may get, each switchable per site. Incoming
 * calls and reached goals join this list with their plugins; a stored setting without a kind
 * counts as on, so adding one changes nothing for sites saved before.
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

/** One working period of a week day in the account's time zone: ISO day (1 = Monday), HH:MM to HH:MM (24:00 ends a day). */
export interface SiteWorkInterval {
  day: number;
  from: string;
  to: string;
}

/** I2: when people answer on the site; outside these hours the widget works automatically (the offline form). */
export interface SiteWorkingHours {
  /** People answer whenever they are online; `intervals` are kept for when this is switched off. */
  always: boolean;
  intervals: SiteWorkInterval[];
}

export const SITE_SETTINGS_LIMITS = {
  nameLength: 100,
  /** A team inbox or a few people; a longer list is a mailing list's job. */
  offlineEmails: 20,
  emailLength: 254,
} as const;

/** What an admin changes of a site (PATCH /api/sites/:id takes any of these; notifications kind by kind). */
export interface SiteSettings {
  name: string;
  url: string;
  /** A8: the widget's language. */
  chatLanguage: 'ru' | 'en';
  offlineForm: OfflineFormSettings;
  notifications: SiteNotifications;
  workingHours: SiteWorkingHours;
}

/** A site as GET /api/sites and /api/sites/:id answer. */
export interface SiteView extends SiteSettings {
  id: string;
  /** The addresses the widget answers on: the URL's origin and its www / bare twin. */
  origins: string[];
  publicKey: string;
  /** The account's IANA time zone: the working hours are in it (read-only here). */
  timezone: string;
  createdAt: string;
}
