import type { Routes } from '@angular/router';
import { PANEL_PLUGINS } from './plugin-registry.generated';

/**
 * The plugins' link pages (manifest `linkPages`) at `/<path>/:token`, without a session or the
 * shell. Loaded only for two-segment addresses (app.routes.ts), so the registry stays out of the
 * first bundle; an address no plugin has matches none of these and the panel's routes go on.
 */
export const pluginLinkPageRoutes: Routes = PANEL_PLUGINS.flatMap((manifest) =>
  (manifest.linkPages ?? []).map((page) => ({ path: `${page.path}/:token`, loadComponent: page.component })),
);
