import { inject } from '@angular/core';
import { type CanMatchFn, type ResolveFn, Router, type Routes } from '@angular/router';
import type { LocalizedText, PanelPageEntry, PanelPluginManifest } from '../plugin-api/define';
import { AuthService } from './auth.service';
import { PANEL_PLUGIN_REGISTRY } from './plugin-registry';
import { PluginsService } from './plugins.service';

/** The plugin page (manifest `pages`) at the panel's top-level address `path`, if one is installed. */
export function pluginPageAt(registry: readonly PanelPluginManifest[], path: string): { pluginId: string; page: PanelPageEntry } | undefined {
  for (const manifest of registry) {
    const page = manifest.pages?.find((p) => p.path === path);
    if (page) return { pluginId: manifest.id, page };
  }
  return undefined;
}

/**
 * `/<path>` of a plugin's page: matched only when an installed plugin has that page. Someone who
 * may not see it (the plugin is not enabled for the account, an operator on an admin page) goes
 * home, as with the panel's own admin pages.
 */
export const pluginPageGuard: CanMatchFn = async (_route, segments) => {
  const found = segments.length === 1 ? pluginPageAt(inject(PANEL_PLUGIN_REGISTRY), segments[0]!.path) : undefined;
  if (!found) return false;
  const auth = inject(AuthService);
  const router = inject(Router);
  const enabled = (await inject(PluginsService).ready()).some((p) => p.id === found.pluginId);
  return enabled && (!found.page.adminOnly || auth.isAdmin()) ? true : router.parseUrl('/home');
};

/** The page's label, for the document title (TranslatedTitleStrategy reads it from the route's data). */
const pluginPageLabel: ResolveFn<LocalizedText | undefined> = (route) => pluginPageAt(inject(PANEL_PLUGIN_REGISTRY), route.params['pluginPage'] as string)?.page.label;

/**
 * Loaded on an address the panel's own routes do not take: the registry (every plugin's manifest)
 * stays out of the panel's first bundle.
 */
export const pluginPageRoutes: Routes = [
  {
    path: ':pluginPage',
    canMatch: [pluginPageGuard],
    resolve: { pluginPageLabel },
    loadComponent: () => import('../pages/plugin/plugin-host.page').then((m) => m.PluginHostPage),
  },
];
