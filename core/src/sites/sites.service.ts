import { randomBytes } from 'node:crypto';
import type { ContentStore } from '../content/content-store.js';
import type { SiteRecord } from '../content/content.types.js';
import { notFound } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import { installCode, type InstallCode } from './install-code.js';

export interface SiteView {
  id: string;
  name: string;
  url: string;
  origins: string[];
  publicKey: string;
  chatLanguage: 'ru' | 'en';
  createdAt: string;
}

const toView = (s: SiteRecord): SiteView => ({
  id: s.documentId,
  name: s.name,
  url: s.url,
  origins: s.origins,
  publicKey: s.publicKey,
  chatLanguage: s.chatLanguage,
  createdAt: s.createdAt,
});

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

/** Sites of an account (B1); their addresses drive the widget's CORS and socket origin checks. */
export class SitesService {
  constructor(
    private readonly content: ContentStore,
    private readonly bus: EventBus,
    private readonly publicUrl: string,
  ) {}

  list(accountId: string): SiteView[] {
    return this.content.sitesOf(accountId).map(toView);
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
    return toView(record);
  }

  installCode(accountId: string, siteId: string): InstallCode {
    const site = this.content.site(siteId);
    if (!site || site.account !== accountId) throw notFound('No such site in this account');
    return installCode(this.publicUrl, site.publicKey);
  }
}
