/**
 * A site's settings as the core's REST API and the panel see them (A8 the widget's language, I2
 * working hours); the contract is docs/site-settings.md. The chat's own per-site settings (H6
 * offline form, C20 notifications) are the chat plugin's (plugins/chat/shared/chat-site-settings.ts).
 * Types and constants only, no imports: the panel imports this file too.
 */

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
} as const;

/** What an admin changes of a site (PATCH /api/sites/:id takes any of these). */
export interface SiteSettings {
  name: string;
  url: string;
  /** A8: the widget's language. */
  chatLanguage: 'ru' | 'en';
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
