import type { ContentStore } from '../content/content-store.js';
import type { MediaFileRecord, WidgetDesignRecord } from '../content/content.types.js';
import type { MediaFiles } from '../content/media-files.js';
import { notFound } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import { contrastWarnings, DEFAULT_DESIGN, type WidgetDesign } from '../../../widget/src/design.js';
import type { CheckedLogo } from './design-logo.js';
import { resolveDesign, type DesignBody } from './design.schema.js';

/** What the design page gets: the design, its contrast warnings (WCAG AA) and when it was saved. */
export interface DesignView {
  design: WidgetDesign;
  warnings: ReturnType<typeof contrastWarnings>;
  updatedAt: string | null;
}

const DEFAULT_SIGNATURE = JSON.stringify(DEFAULT_DESIGN);

/**
 * B3–B8: a site's widget design, stored in the CMS (one `widget-design` record per site, the logo
 * in the media library), read from the content cache, and announced when it changes.
 *
 * Announcing: every core process watches its own content cache, which learns of a change however
 * it happened — this process's own save, another process's (through Redis), or an edit in the CMS
 * admin (the webhook) — and publishes `core.site.designChanged` on its own bus when a site's
 * resolved design differs from the last one it saw. Subscribers (the chat plugin) push it to the
 * sockets of *this* process only, so each open widget gets it exactly once.
 */
export class WidgetDesigns {
  private readonly seen = new Map<string, string>();
  // One write at a time per site: a logo upload and a save must not both create a record.
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly content: ContentStore,
    private readonly media: MediaFiles,
    private readonly bus: EventBus,
    private readonly publicUrl: string,
  ) {}

  /** Starts announcing changes; the designs as they are now are the baseline. */
  watch(): void {
    this.announceChanges(false);
    this.content.onChange(() => this.announceChanges(true));
  }

  /** The design a site's widgets show (the default until an admin saves one). */
  forSite(siteId: string): WidgetDesign {
    return resolveDesign(this.content.designOf(siteId), (fileId) => this.logoUrl(siteId, fileId));
  }

  view(accountId: string, siteId: string): DesignView {
    this.checkSite(accountId, siteId);
    return this.toView(siteId);
  }

  save(accountId: string, siteId: string, body: DesignBody): Promise<DesignView> {
    this.checkSite(accountId, siteId);
    return this.serially(siteId, async () => {
      const record = this.content.designOf(siteId);
      const { style, position, colors, captions } = body;
      const logoScale = body.logo ? body.logo.scale : (record?.logoScale ?? 1);
      await this.write(siteId, record, { style, position, colors, captions, logoScale }, record?.logo ?? null);
      return this.toView(siteId);
    });
  }

  /** Stores a checked logo in the media library and points the design at it; the old file goes. */
  setLogo(accountId: string, siteId: string, bytes: Buffer, logo: CheckedLogo): Promise<DesignView> {
    this.checkSite(accountId, siteId);
    return this.serially(siteId, async () => {
      const record = this.content.designOf(siteId);
      const file = await this.media.store(bytes, `logo-${siteId}.${logo.ext}`, logo.mime);
      try {
        await this.write(siteId, record, { logo: file.id, ...(record ? {} : this.defaults()) }, file);
      } catch (err) {
        await this.media.removeQuietly(file);
        throw err;
      }
      // The design no longer points at the old file.
      if (record?.logo) await this.media.removeQuietly(record.logo);
      return this.toView(siteId);
    });
  }

  removeLogo(accountId: string, siteId: string): Promise<DesignView> {
    this.checkSite(accountId, siteId);
    return this.serially(siteId, async () => {
      const record = this.content.designOf(siteId);
      if (record?.logo) {
        await this.write(siteId, record, { logo: null }, null);
        await this.media.removeQuietly(record.logo);
      }
      return this.toView(siteId);
    });
  }

  /** The logo a site's design shows, if `fileId` is it (anything else, an old logo included, is not served). */
  async logo(siteId: string, fileId: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
    const file = this.content.designOf(siteId)?.logo;
    if (file?.documentId !== fileId) return undefined;
    const bytes = await this.media.bytes(file);
    return bytes && { mime: file.mime, bytes };
  }

  private logoUrl(siteId: string, fileId: string): string {
    return `${this.publicUrl}/api/widget/logo/${encodeURIComponent(siteId)}/${encodeURIComponent(fileId)}`;
  }

  /** Throws a 404 unless the site is one of the account's. */
  checkSite(accountId: string, siteId: string): void {
    const site = this.content.site(siteId);
    // Another account's site answers as an unknown one: ids cannot be probed.
    if (!site || site.account !== accountId) throw notFound('No such site in this account');
  }

  private toView(siteId: string): DesignView {
    const design = this.forSite(siteId);
    return { design, warnings: contrastWarnings(design.colors), updatedAt: this.content.designOf(siteId)?.updatedAt ?? null };
  }

  private defaults() {
    const { style, position, colors, captions } = DEFAULT_DESIGN;
    return { style, position, colors, captions, logoScale: 1 };
  }

  /** Creates or updates the site's record and applies it to the cache at once (the webhook follows). */
  private async write(siteId: string, record: WidgetDesignRecord | undefined, data: Record<string, unknown>, logo: MediaFileRecord | null): Promise<void> {
    const saved = record
      ? await this.content.client.widgetDesigns.update(record.documentId, data as Partial<WidgetDesignRecord>)
      : await this.content.client.widgetDesigns.create({ ...data, site: siteId } as Partial<WidgetDesignRecord>);
    // Strapi answers a write with relations and media unpopulated; we know what we set.
    this.content.upsertLocal('widgetDesigns', { ...saved, site: siteId, logo });
  }

  private serially<T>(siteId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.writes.get(siteId) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    this.writes.set(siteId, settled);
    void settled.then(() => this.writes.get(siteId) === settled && this.writes.delete(siteId));
    return run;
  }

  private announceChanges(publish: boolean): void {
    const siteIds = new Set([...this.seen.keys(), ...this.content.designedSiteIds()]);
    for (const siteId of siteIds) {
      const design = this.forSite(siteId);
      const signature = JSON.stringify(design);
      if (signature === (this.seen.get(siteId) ?? DEFAULT_SIGNATURE)) continue;
      if (signature === DEFAULT_SIGNATURE) this.seen.delete(siteId);
      else this.seen.set(siteId, signature);
      const accountId = this.content.site(siteId)?.account;
      if (publish && accountId) this.bus.publish('core.site.designChanged', { accountId, siteId, design });
    }
  }
}
