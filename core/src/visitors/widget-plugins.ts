import type { WidgetPluginPart } from './visitor.contract.js';
import type { PluginResolution } from '../kernel/plugin-enablement.js';
import type { PluginSettingsStore } from '../kernel/plugin-settings.js';

export interface WidgetPluginsDeps {
  plugins: Pick<PluginResolution, 'enabledFor'>;
  pluginSettings: Pick<PluginSettingsStore, 'widgetPart'>;
  publicUrl: string;
}

/**
 * The widget parts of the plugins a site's account has (A7): each built chunk, with what its
 * `settings.widget` makes of the site's value. The session (`POST /api/widget/session`) hands it to
 * the loader, and `/visitor`'s `plugins.changed` to open widgets when the agency switches a plugin.
 */
export function widgetPluginsOf(deps: WidgetPluginsDeps, site: { documentId: string; account: string }): WidgetPluginPart[] {
  return deps.plugins.enabledFor(site.account).flatMap((p) => {
    if (!p.widget) return [];
    const settings = deps.pluginSettings.widgetPart(p.id, site.documentId);
    const url = `${deps.publicUrl}/widget/${p.widget}`;
    return [settings === undefined ? { id: p.id, url } : { id: p.id, url, settings }];
  });
}
