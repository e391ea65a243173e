import { InjectionToken } from '@angular/core';
import type { PanelPluginManifest } from '../plugin-api/define';
import { PANEL_PLUGINS } from './plugin-registry.generated';

/**
 * The panel parts of the installed plugins, as generated at build from plugins.config.ts
 * (scripts/lib/panel-registry.mjs). A token, so tests can install fixture plugins.
 */
export const PANEL_PLUGIN_REGISTRY = new InjectionToken<readonly PanelPluginManifest[]>('PANEL_PLUGIN_REGISTRY', {
  providedIn: 'root',
  factory: () => PANEL_PLUGINS,
});
