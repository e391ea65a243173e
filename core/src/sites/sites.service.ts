import { randomBytes } from 'node:crypto';
import type { ContentStore } from '../content/content-store.js';
import type { SiteRecord } from '../content/content.types.js';
import { notFound } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import { installCode, type InstallCode } from './install-code.js';
import type { SiteView } from './site-settings.contract.js';
import { notificationsOf, settingsOf, type SiteSettingsBody } from './site-settings.schema.js';

/**
 * Addresses a site answers on: the origin of its URL, plus the www / bare twin, because a visitor
 * can reach either and a widget that silently fails on one of them is a classic support ticket.
 */
export function originsOf(url: string): string[] {
  const u = new URL(url);
  const twin = new URL(url);
  twin.hostname = u.hostname.startsWith('www.') ? u.hostname.slice(4) : `www.${u.hostname}`;
  const isIpOrLocal = /^[\d.]+$|^localhost$|^\[/.test(u.hostname);
  return isIpOrLocal ? [u.origin] : [u.origin, twin.origin];
}

/**
 * Sites of an account (B1) and their settings (A8, H6, C20, I2); their addresses drive the
 * widget's CORS and socket origin checks. Changes are announced by sites/site-changes.ts.
 */
export class SitesService {
  constructor(
    private readonly content: ContentStore,
    private readonly bus: EventBus,
    private readonly publicUrl: string,
  ) {}

  list(accountId: string): SiteView[] {
    return this.content.sitesOf(accountId).map((s) => this.view(s));
  }

  get(accountId: string, siteId: string): SiteView {
    return this.view(this.own(accountId, siteId));
  }

  async create(accountId: string, name: string, url: string): Promise<SiteView> {
    const account = this.content.account(accountId);
    const site = await this.content.client.sites.create({
      name,
      url,
      origins: originsOf(url),
      publicKey: randomBytes(12).toString('base64url'),
      chatLanguage: account?.language ?? 'ru',
      account: accountId,
    });
    // Strapi answers a create with the relation unpopulated; we know the account we set.
    const record = { ...site, account: accountId, origins: site.origins };
    this.content.upsertLocal('sites', record);
    this.bus.publish('core.site.created', { accountId, siteId: record.documentId, url });
    return this.view(record);
  }

  /**
   * Writes the settings given (checked by the route) and applies them to the cache at once, which
   * announces them (`core.site.updated`). A new address brings its origins along.
   */
  async update(accountId: string, siteId: string, changes: SiteSettingsBody): Promise<SiteView> {
    const site = this.own(accountId, siteId);
    const { name, url, chatLanguage, offlineForm, notifications, workingHours } = changes;
    const data: Partial<SiteRecord> = {
      ...(name !== undefined && { name }),
      ...(url !== undefined && { url, origins: originsOf(url) }),
      ...(chatLanguage && { chatLanguage }),
      ...(offlineForm && { offlineEmailsEnabled: offlineForm.enabled, offlineEmails: offlineForm.emails }),
      ...(notifications && { notifications: { ...notificationsOf(site), ...notifications } }),
      ...(workingHours && { workingHours }),
    };
    const saved = await this.content.client.sites.update(site.documentId, data);
    // Strapi answers a write with the relation unpopulated; the account has not changed.
    const record = { ...saved, account: accountId };
    this.content.upsertLocal('sites', record);
    return this.view(record);
  }

  installCode(accountId: string, siteId: string): InstallCode {
    return installCode(this.publicUrl, this.own(accountId, siteId).publicKey);
  }

  /** The site when it is one of the account's; another account's answers as an unknown one, so ids cannot be probed. */
  own(accountId: string, siteId: string): SiteRecord {
    const site = this.content.site(siteId);
    if (!site || site.account !== accountId) throw notFound('No such site in this account');
    return site;
  }

  private view(s: SiteRecord): SiteView {
    const timezone = (s.account && this.content.account(s.account)?.timezone) || 'UTC';
    return { id: s.documentId, ...settingsOf(s), origins: s.origins, publicKey: s.publicKey, timezone, createdAt: s.createdAt };
  }
}
