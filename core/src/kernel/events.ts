import type { WidgetDesign } from '../../../widget/src/design.js';
import type { SiteSettings } from '../sites/site-settings.contract.js';

/**
 * The typed event map. Plugins add their events from their `shared/` folder by augmenting this
 * interface (`declare module '@callpy/core/kernel' …`), so a publisher and every subscriber agree
 * on the payload at compile time. Names read `<plugin>.<entity>.<pastTense>`.
 */
export interface CallpyEvents {
  'core.site.created': { accountId: string; siteId: string; url: string };
  /**
   * An admin deleted a site (DELETE /api/sites/:id): it is gone from the CMS and its visitors'
   * sockets were dropped. Published once, by the process that deleted it; plugins remove what
   * they keep of the site in the operational store (the chat: visitors, dialogs, messages, files).
   */
  'core.site.deleted': { accountId: string; siteId: string };
  /**
   * B3–B8: a site's widget design changed (saved here, in another core process, or in the CMS).
   * Published by *every* core process for the sockets it holds, so relay it to local sockets only.
   */
  'core.site.designChanged': { accountId: string; siteId: string; design: WidgetDesign };
  /**
   * A site's settings changed (A8 chat language, I2 working hours, name, address; a plugin's own
   * per-site settings announce themselves through `ctx.settings.onSiteChanged`): saved through PATCH /api/sites/:id here or in another core process, or
   * edited in the CMS. Like `designChanged`, published by *every* core process for the sockets it
   * holds (sites/site-changes.ts): relay it to local sockets only.
   */
  'core.site.updated': { accountId: string; siteId: string; settings: SiteSettings; changed: (keyof SiteSettings)[] };
  'core.user.invited': { accountId: string; userId: number; email: string };
  'core.user.disconnected': { accountId: string; userId: number };
  /** A user's name or avatar changed (A4): what visitors see of an operator. */
  'core.user.updated': { accountId: string; userId: number };
}

export type EventName = keyof CallpyEvents;
export type EventHandler<N extends EventName> = (payload: CallpyEvents[N]) => void | Promise<void>;
