import { z } from 'zod';
import { JwtCodec } from '../auth/jwt.js';
import type { ContentStore } from '../content/content-store.js';
import { HttpError, notFound } from '../http/http-error.js';
import { fetchSitePage, sitePageUrl } from './design-page-fetch.js';
import { previewOverSite, samplePage, type PreviewScript } from './design-preview.page.js';

/** How long a "preview over my site" address, and its viewer's cookie, stay valid. */
export const PREVIEW_SECONDS = 30 * 60;

/** What an admin's request for a preview over their site answers: the frame's address and the viewer's token. */
export interface IssuedPreview {
  src: string;
  /** Goes into the requester's cookie (design-preview.routes.ts); the page opens only with it. */
  viewer: string;
}

/**
 * The design page's live preview (docs/widget-design.md): a page served by the core that runs the
 * real chat widget in preview mode, over a sample page or over a page of the client's own site.
 *
 * The iframe cannot send the admin's bearer token, so the admin's request gets a signed,
 * short-lived address naming the site, the page and the admin, plus a cookie naming the admin
 * that only their browser sends with it: the address alone, copied elsewhere, shows nothing of the
 * page. Any core process can serve it (no state).
 */
export class DesignPreviews {
  private readonly pages: JwtCodec<z.ZodObject<{ url: z.ZodString; viewer: z.ZodString }>>;
  private readonly viewers: JwtCodec<z.ZodObject<Record<string, never>>>;
  private readonly script: Omit<PreviewScript, 'error'>;

  constructor(
    private readonly content: ContentStore,
    secret: string,
    publicUrl: string,
    private readonly allowedHosts: readonly string[],
  ) {
    this.pages = new JwtCodec(secret, 'callpy-preview+jwt', z.object({ url: z.string(), viewer: z.string() }), PREVIEW_SECONDS);
    this.viewers = new JwtCodec(secret, 'callpy-preview-viewer+jwt', z.object({}), PREVIEW_SECONDS);
    this.script = { src: `${publicUrl}/widget/preview.js`, panelOrigin: new URL(publicUrl).origin };
  }

  /** Checks the page (address of the site, reachable, loads as HTML) and answers the preview's address for `userId`. */
  async issue(siteId: string, rawUrl: string, userId: number): Promise<IssuedPreview> {
    const site = this.content.site(siteId);
    if (!site) throw notFound('No such site in this account');
    const url = sitePageUrl(rawUrl, site).href;
    await fetchSitePage(url, site, this.allowedHosts);
    const viewer = String(userId);
    return { src: `/widget/preview?page=${await this.pages.sign({ url, viewer }, siteId)}`, viewer: await this.viewers.sign({}, viewer) };
  }

  /** The preview page's HTML; a page that cannot be shown falls back to the sample page, saying why. */
  async render(pageToken: string | undefined, viewerToken: string | undefined): Promise<string> {
    if (!pageToken) return samplePage(this.script);
    const claims = await this.pages.verify(pageToken);
    if (!claims) return samplePage({ ...this.script, error: 'This preview address has expired: open the preview of your site again.' });
    const viewer = viewerToken ? await this.viewers.verify(viewerToken) : undefined;
    if (viewer?.sub !== claims.viewer) return samplePage({ ...this.script, error: 'This preview opens only in the panel it was made in: open the preview of your site again.' });
    const site = this.content.site(claims.sub);
    if (!site) return samplePage({ ...this.script, error: 'The site no longer exists.' });
    try {
      const page = await fetchSitePage(claims.url, site, this.allowedHosts);
      return previewOverSite(page.html, page.url, this.script);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return samplePage({ ...this.script, error: err.message });
    }
  }
}
