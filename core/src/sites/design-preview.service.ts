import { z } from 'zod';
import { JwtCodec } from '../auth/jwt.js';
import type { ContentStore } from '../content/content-store.js';
import { HttpError, notFound } from '../http/http-error.js';
import { fetchSitePage, sitePageUrl } from './design-page-fetch.js';
import { previewOverSite, samplePage, type PreviewScript } from './design-preview.page.js';

/** How long a "preview over my site" address stays valid. */
const PAGE_TOKEN_SECONDS = 30 * 60;

/**
 * The design page's live preview (docs/widget-design.md): a page served by the core that runs the
 * real chat widget in preview mode, over a sample page or over a page of the client's own site.
 *
 * The iframe cannot send the admin's bearer token, so the admin's request gets a signed,
 * short-lived address naming the site and the page; any core process can serve it (no state).
 */
export class DesignPreviews {
  private readonly pages: JwtCodec<z.ZodObject<{ url: z.ZodString }>>;
  private readonly script: Omit<PreviewScript, 'error'>;

  constructor(
    private readonly content: ContentStore,
    secret: string,
    publicUrl: string,
  ) {
    this.pages = new JwtCodec(secret, 'callpy-preview+jwt', z.object({ url: z.string() }), PAGE_TOKEN_SECONDS);
    this.script = { src: `${publicUrl}/widget/preview.js`, panelOrigin: new URL(publicUrl).origin };
  }

  /** Checks the page (address of the site, public, loads as HTML) and answers the preview's address. */
  async issue(siteId: string, rawUrl: string): Promise<string> {
    const site = this.content.site(siteId);
    if (!site) throw notFound('No such site in this account');
    const url = sitePageUrl(rawUrl, site).href;
    await fetchSitePage(url, site);
    return `/widget/preview?page=${await this.pages.sign({ url }, siteId)}`;
  }

  /** The preview page's HTML; a page that cannot be shown falls back to the sample page, saying why. */
  async render(pageToken: string | undefined): Promise<string> {
    if (!pageToken) return samplePage(this.script);
    const claims = await this.pages.verify(pageToken);
    if (!claims) return samplePage({ ...this.script, error: 'This preview address has expired: open the preview of your site again.' });
    const site = this.content.site(claims.sub);
    if (!site) return samplePage({ ...this.script, error: 'The site no longer exists.' });
    try {
      const page = await fetchSitePage(claims.url, site);
      return previewOverSite(page.html, page.url, this.script);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return samplePage({ ...this.script, error: err.message });
    }
  }
}
