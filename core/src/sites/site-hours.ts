import type { ContentStore } from '../content/content-store.js';
import { createServiceRef, type ServiceRef } from '../kernel/service-registry.js';
import type { Logger } from '../logging/logger.js';
import { isValidTimeZone, isWorkingAt, nextEdge, type WorkInterval } from '../time/working-hours.js';
import { workingHoursOf } from './site-settings.schema.js';

/**
 * I2, the hours part: whether people answer on a site now, or the automatic path runs instead
 * (the chat's offline form today; scenarios and bots later). A core service any plugin reads:
 * `ctx.services.get(siteHoursRef)`.
 */
export interface SiteHours {
  /** True when the site has no working hours ("always") or `at` (ms) falls in them, in the account's time zone; false for an unknown site. */
  isWithinWorkingHours(siteId: string, at: number): boolean;
  /** The next moment after `at` the answer above changes; undefined while it never does. */
  nextChange(siteId: string, at: number): number | undefined;
}

export const siteHoursRef: ServiceRef<SiteHours> = createServiceRef<SiteHours>('core.siteHours');

interface ZonedHours {
  always: boolean;
  intervals: WorkInterval[];
  zone: string;
}

/** Reads the hours from the content cache on every call: a saved change counts at once, in every process. */
export class SiteWorkingHours implements SiteHours {
  private readonly warned = new Set<string>();

  constructor(
    private readonly content: ContentStore,
    private readonly logger: Logger,
  ) {}

  isWithinWorkingHours(siteId: string, at: number): boolean {
    const hours = this.hoursOf(siteId);
    return !!hours && (hours.always || isWorkingAt(hours.intervals, hours.zone, at));
  }

  nextChange(siteId: string, at: number): number | undefined {
    const hours = this.hoursOf(siteId);
    return hours && !hours.always ? nextEdge(hours.intervals, hours.zone, at)?.at : undefined;
  }

  private hoursOf(siteId: string): ZonedHours | undefined {
    const site = this.content.site(siteId);
    if (!site?.account) return undefined;
    const hours = workingHoursOf(site);
    const zone = this.content.account(site.account)?.timezone ?? 'UTC';
    if (hours.always || isValidTimeZone(zone)) return { ...hours, zone };
    // The zone is typed by agency staff in the CMS. Hours in an unknown zone would be a guess:
    // people keep answering (as without hours) and the log says why, once per zone.
    if (!this.warned.has(zone)) {
      this.warned.add(zone);
      this.logger.warn({ accountId: site.account, timezone: zone }, 'account time zone is not an IANA zone: site working hours are not applied');
    }
    return { always: true, intervals: [], zone };
  }
}
