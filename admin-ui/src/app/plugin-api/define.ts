import type { Provider, Type } from '@angular/core';
import type { Locale } from '../core/api.types';
import type { IconName } from '../shared/icon';

/** A text a plugin ships in both of the panel's languages. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * What a plugin runs for the whole signed-in session, whatever page is open: a connection that
 * keeps the operator reachable, sounds, notifications. The shell makes one injector of
 * `providers` per enabled plugin and calls `start` in it; the plugin's page and its slot entries
 * are created under that injector, so they share the same services.
 */
export interface PluginBackground {
  readonly providers: Provider[];
  /** Runs once, in the background's injection context (`inject`, `effect` work). */
  readonly start: () => void;
}

/** A page of the plugin's under Sites → Settings (`/sites/:siteId/settings/<pluginId>/<path>`). */
export interface SiteSettingsEntry {
  readonly path: string;
  readonly label: LocalizedText;
  /** The page gets the input `siteId`; one with unsaved edits implements `confirmLeave()`. */
  readonly component: () => Promise<Type<unknown>>;
}

export interface PanelNavEntry {
  readonly icon: IconName;
  readonly label: LocalizedText;
  /**
   * `unread`: the navigation item shows the count the plugin's background reports with
   * `ShellIndicators.setUnread(<pluginId>, n)` (the same count the tab title sums).
   */
  readonly badge?: 'unread';
}

/**
 * A page of the plugin's at the panel's top level (`/<path>`), with its entry in the main
 * navigation after the panel's own ones (in manifest order). Routes and entries are made from the
 * registry (app.routes.ts, the shell): reached and shown only where the plugin is enabled.
 */
export interface PanelPageEntry {
  /** One segment, e.g. `departments`; must not be one of the panel's own addresses. */
  readonly path: string;
  readonly icon: IconName;
  /** The navigation entry's label and the document title. */
  readonly label: LocalizedText;
  /** Only the account's administrators reach the page and see its entry. */
  readonly adminOnly?: boolean;
  readonly component: () => Promise<Type<unknown>>;
}

/**
 * A page that a link opens without signing in (`/<path>/<token>`, outside the shell): the calls
 * plugin's hand-over of a call to a phone by a QR code. The component gets the input `token` and
 * proves what it may do with it itself (a public route of its plugin); it gets no session, and is
 * made under the root injector, so it provides the services it needs and calls
 * `registerPluginStrings` itself. The address is taken whatever plugins the account has: the
 * token, not a session, says which account it belongs to.
 */
export interface PanelLinkPage {
  /** One segment, e.g. `call`; must not be one of the panel's own addresses. */
  readonly path: string;
  readonly component: () => Promise<Type<unknown>>;
}

/**
 * A plugin's panel part, default-exported by `plugins/<id>/admin/manifest.ts` and collected at
 * build into the registry (scripts/lib/panel-registry.mjs). The manifest is in the panel's first
 * bundle, so everything heavy in it is a lazy `import()`.
 */
export interface PanelPluginManifest {
  readonly id: string;
  /** The plugin's page at `/p/<id>`. */
  readonly page?: () => Promise<Type<unknown>>;
  readonly background?: () => Promise<PluginBackground>;
  /** Without it the navigation shows the plugin's CMS title with a puzzle icon. */
  readonly nav?: PanelNavEntry;
  readonly siteSettings?: readonly SiteSettingsEntry[];
  readonly pages?: readonly PanelPageEntry[];
  readonly linkPages?: readonly PanelLinkPage[];
  /** Multi-providers of the slot tokens (plugin-api/slots.ts), in the plugin's injector. */
  readonly slots?: () => Promise<Provider[]>;
}

/** Identity at run time; it types a manifest (and keeps each loader lazy by its signature). */
export function definePanelPlugin(manifest: PanelPluginManifest): PanelPluginManifest {
  return manifest;
}
