import { z } from 'zod';
import type { SiteRecord } from '../content/content.types.js';
import { workIntervals } from '../time/working-hours.js';
import { SITE_SETTINGS_LIMITS as LIMITS, type SiteSettings, type SiteWorkingHours } from './site-settings.contract.js';

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

const workingHours = z
  .strictObject({ always: z.boolean('"always" is true or false'), intervals: workIntervals })
  // "By the hours" with no hours would hand the site to the automatic mode for good.
  .refine((h) => h.always !== false || !Array.isArray(h.intervals) || h.intervals.length > 0, {
    message: 'Add at least one working period, or choose "always"',
    path: ['intervals'],
  });

/** PATCH /api/sites/:id: any of the settings; each given one is checked and replaced. */
export const siteSettingsBody = z
  .strictObject({ name: siteName, url: siteUrl, chatLanguage, workingHours })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one setting to change');
export type SiteSettingsBody = z.output<typeof siteSettingsBody>;

const storedHours = z.object({ always: z.boolean(), intervals: workIntervals });
const ALWAYS: SiteWorkingHours = { always: true, intervals: [] };

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
    workingHours: workingHoursOf(site),
  };
}
