import { z } from 'zod';
import type { SiteRecord } from '../content/content.types.js';
import { workIntervals } from '../schedules/working-hours.js';
import {
  SITE_NOTIFY_KINDS,
  SITE_SETTINGS_LIMITS as LIMITS,
  type OfflineFormSettings,
  type SiteNotifications,
  type SiteNotifyKind,
  type SiteSettings,
  type SiteWorkingHours,
} from './site-settings.contract.js';

/**
 * A site's settings on the server: what a request must be (strict, a message per field that names
 * what is wrong), and how a stored record reads (lenient: the CMS keeps JSON that agency staff may
 * edit by hand, so a broken value falls back to the default instead of breaking the site).
 */

export const siteName = z
  .string('Enter a name for the site')
  .trim()
  .min(1, 'Enter a name for the site')
  .max(LIMITS.nameLength, `At most ${LIMITS.nameLength} characters`);

/** A bare host gets https://; only http(s) addresses are sites. */
export const siteUrl = z
  .string('Enter the site address, e.g. https://shop.example')
  .trim()
  .max(2000, 'At most 2000 characters')
  .transform((v) => (/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`))
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter the site address, e.g. https://shop.example' }));

const chatLanguage = z.enum(['ru', 'en'], 'The chat language is ru (Russian) or en (English)');

/** The message names the address, so a list of twenty says which one is wrong. */
const email = z
  .string('An e-mail address is text')
  .trim()
  .max(LIMITS.emailLength, `An e-mail address has at most ${LIMITS.emailLength} characters`)
  .pipe(z.email({ error: (issue) => `"${String(issue.input).slice(0, 80)}" is not a valid e-mail address` }));

const offlineForm = z.strictObject({
  enabled: z.boolean('The switch is true (on) or false (off)'),
  emails: z
    .array(email, 'A list of e-mail addresses')
    .max(LIMITS.offlineEmails, `At most ${LIMITS.offlineEmails} addresses; for more, use a team mailbox`)
    // The same address twice would get every message twice.
    .transform((list) => list.filter((e, i) => list.findIndex((o) => o.toLowerCase() === e.toLowerCase()) === i)),
});

const notifySwitch = z.boolean('The switch is true (on) or false (off)').optional();
/** Kind by kind: a client that knows fewer kinds than the server leaves the others as they are. */
const notifications = z.strictObject(Object.fromEntries(SITE_NOTIFY_KINDS.map((k) => [k, notifySwitch])) as Record<SiteNotifyKind, typeof notifySwitch>);

const workingHours = z
  .strictObject({ always: z.boolean('"always" is true or false'), intervals: workIntervals })
  // "By the hours" with no hours would hand the site to the automatic mode for good.
  .refine((h) => h.always !== false || !Array.isArray(h.intervals) || h.intervals.length > 0, {
    message: 'Add at least one working period, or choose "always"',
    path: ['intervals'],
  });

/** PATCH /api/sites/:id: any of the settings; each given one is checked and replaced (notifications kind by kind). */
export const siteSettingsBody = z
  .strictObject({ name: siteName, url: siteUrl, chatLanguage, offlineForm, notifications, workingHours })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one setting to change');
export type SiteSettingsBody = z.output<typeof siteSettingsBody>;

const validEmail = z.email();
const storedHours = z.object({ always: z.boolean(), intervals: workIntervals });
const ALWAYS: SiteWorkingHours = { always: true, intervals: [] };

/** H6 as stored: the switch is on unless set off; addresses that are not addresses are skipped. */
export function offlineFormOf(site: SiteRecord): OfflineFormSettings {
  const stored: unknown[] = Array.isArray(site.offlineEmails) ? site.offlineEmails : [];
  return { enabled: site.offlineEmailsEnabled !== false, emails: stored.filter((e): e is string => validEmail.safeParse(e).success) };
}

/** C20 as stored: every kind is on unless set off (so a kind added later is on for every site). */
export function notificationsOf(site: SiteRecord): SiteNotifications {
  const stored = typeof site.notifications === 'object' && site.notifications !== null ? (site.notifications as Record<string, unknown>) : {};
  return Object.fromEntries(SITE_NOTIFY_KINDS.map((k) => [k, stored[k] !== false])) as SiteNotifications;
}

/** I2 as stored: no hours, broken hours, or "by the hours" with none read as always — people are never shut out by a bad record. */
export function workingHoursOf(site: SiteRecord): SiteWorkingHours {
  const stored = storedHours.safeParse(site.workingHours);
  if (!stored.success) return ALWAYS;
  return stored.data.always || stored.data.intervals.length ? stored.data : ALWAYS;
}

export function settingsOf(site: SiteRecord): SiteSettings {
  return {
    name: site.name,
    url: site.url,
    chatLanguage: site.chatLanguage === 'en' ? 'en' : 'ru',
    offlineForm: offlineFormOf(site),
    notifications: notificationsOf(site),
    workingHours: workingHoursOf(site),
  };
}
