import { inject } from '@angular/core';
import type { CanMatchFn, ResolveFn, Routes } from '@angular/router';
import type { AgencyPageEntry, LocalizedText, PanelPluginManifest } from '../plugin-api/define';
import { PANEL_PLUGIN_REGISTRY } from './plugin-registry';

/** The agency console's plugin page (manifest `agencyPages`) at `/agency/<path>`, if one is installed. */
export function agencyPageAt(registry: readonly PanelPluginManifest[], path: string): { pluginId: string; page: AgencyPageEntry } | undefined {
  for (const manifest of registry) {
    const page = manifest.agencyPages?.find((p) => p.path === path);
    if (page) return { pluginId: manifest.id, page };
  }
  return undefined;
}

/** Every installed plugin's console pages, in manifest order (the console's navigation). */
export function agencyPages(registry: readonly PanelPluginManifest[]): { pluginId: string; page: AgencyPageEntry }[] {
  return registry.flatMap((m) => (m.agencyPages ?? []).map((page) => ({ pluginId: m.id, page })));
}

/** `/agency/<path>`: matched only when an installed plugin has that console page (the agency shell's guard ran). */
export const agencyPageGuard: CanMatchFn = (_route, segments) => segments.length === 1 && agencyPageAt(inject(PANEL_PLUGIN_REGISTRY), segments[0]!.path) !== undefined;

/** The page's label as the document title (TranslatedTitleStrategy reads `pluginPageLabel`). */
const agencyPageLabel: ResolveFn<LocalizedText | undefined> = (route) => agencyPageAt(inject(PANEL_PLUGIN_REGISTRY), route.params['agencyPage'] as string)?.page.label;

/** Loaded on a console address its own routes do not take, as the account shell's plugin pages are. */
export const agencyPluginPageRoutes: Routes = [
  {
    path: ':agencyPage',
    canMatch: [agencyPageGuard],
    resolve: { pluginPageLabel: agencyPageLabel },
    loadComponent: () => import('../pages/agency/agency-plugin-host.page').then((m) => m.AgencyPluginHostPage),
  },
];
