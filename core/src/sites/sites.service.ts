import { randomBytes } from 'node:crypto';
import type { ContentStore } from '../content/content-store.js';
import type { SiteRecord } from '../content/content.types.js';
import { HttpError, notFound } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import { installCode, type InstallCode } from './install-code.js';
import type { SiteView } from './site-settings.contract.js';
import { settingsOf, type SiteSettingsBody } from './site-settings.schema.js';

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
    /** Drops the open widgets' sockets of a deleted site (realtime/socket-server.ts). */
    private readonly dropSiteSockets: (siteId: string) => void = () => undefined,
  ) {}

  list(accountId: string): SiteView[] {
    return this.content.sitesOf(accountId).map((s) => this.view(s));
  }

  get(accountId: string, siteId: string): SiteView {
    return this.view(this.own(accountId, siteId));
  }

  async create(accountId: string, name: string, url: string): Promise<SiteView> {
    const account = this.content.account(accountId);
    const origins = this.freeOrigins(accountId, url);
    const site = await this.content.client.sites.create({
      name,
      url,
      origins,
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
    const { name, url, chatLanguage, workingHours } = changes;
    const data: Partial<SiteRecord> = {
      ...(name !== undefined && { name }),
      ...(url !== undefined && { url, origins: this.freeOrigins(accountId, url, siteId) }),
      ...(chatLanguage && { chatLanguage }),
      ...(workingHours && { workingHours }),
    };
    const saved = await this.content.client.sites.update(site.documentId, data);
    // Strapi answers a write with the relation unpopulated; the account has not changed.
    const record = { ...saved, account: accountId };
    this.content.upsertLocal('sites', record);
    return this.view(record);
  }

  /**
   * Deletes a site with what the CMS keeps for it (its widget design and logo, plugins' settings for it); its open widgets
   * are dropped and get no new session, and `core.site.deleted` has plugins remove its dialogs,
   * messages, files and visitors from the operational store.
   */
  async remove(accountId: string, siteId: string): Promise<void> {
    const site = this.own(accountId, siteId);
    const designs = await this.content.client.widgetDesigns.list({ filters: { site: { documentId: { $eq: site.documentId } } }, fields: ['documentId'] });
    const logo = this.content.designOf(site.documentId)?.logo;
    const settings = await this.content.client.pluginSettings.list({ filters: { site: { documentId: { $eq: site.documentId } } }, fields: ['documentId'] });
    for (const design of designs) await this.content.client.widgetDesigns.remove(design.documentId);
    for (const record of settings) await this.content.client.pluginSettings.remove(record.documentId);
    await this.content.client.sites.remove(site.documentId);
    for (const design of designs) this.content.removeLocal('widgetDesigns', design.documentId);
    for (const record of settings) this.content.removeLocal('pluginSettings', record.documentId);
    this.content.removeLocal('sites', site.documentId);
    this.dropSiteSockets(site.documentId);
    this.bus.publish('core.site.deleted', { accountId, siteId: site.documentId });
    // Last: a logo left behind in the media library is garbage, not a fault worth failing for.
    if (logo) await this.content.client.deleteFile(logo.id).catch(() => undefined);
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

  /**
   * The origins of a site address, when no other site has one of them. The widget's visitor
   * session is issued by page origin, so an origin belongs to one site only — of any account.
   */
  private freeOrigins(accountId: string, url: string, exceptSiteId?: string): string[] {
    const origins = originsOf(url);
    const other = this.content.sites().find((s) => s.documentId !== exceptSiteId && s.origins.some((o) => origins.includes(o)));
    if (other?.account === accountId) {
      throw new HttpError(409, 'site_exists', `The site «${other.name}» of this account already has this address`, { url: 'This account already has a site with this address' });
    }
    if (other) {
      throw new HttpError(409, 'site_address_taken', 'This address belongs to a site of another account', { url: 'This address is connected to another account' });
    }
    return origins;
  }

  private view(s: SiteRecord): SiteView {
    const timezone = (s.account && this.content.account(s.account)?.timezone) || 'UTC';
    return { id: s.documentId, ...settingsOf(s), origins: s.origins, publicKey: s.publicKey, timezone, createdAt: s.createdAt };
  }
}
