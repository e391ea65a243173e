import type { ContentStore } from '../content/content-store.js';
import type { Localized, PluginManifest } from './plugin.types.js';

/**
 * Which installed plugins an account has (A7): an enablement record in the CMS decides; without
 * one the plugin's `enabledByDefault` (true unless it says otherwise) does.
 */
export class PluginResolution {
  private manifests: PluginManifest[] = [];

  constructor(private readonly content: ContentStore) {}

  install(manifests: readonly PluginManifest[]): void {
    this.manifests = [...manifests];
  }

  isEnabled(manifest: Pick<PluginManifest, 'id' | 'enabledByDefault'>, accountId: string): boolean {
    const record = this.content.pluginEnablement(accountId, manifest.id);
    return record ? record.enabled : (manifest.enabledByDefault ?? true);
  }

  enabledFor(accountId: string): { id: string; title: Localized; widget: boolean }[] {
    return this.manifests
      .filter((m) => this.isEnabled(m, accountId))
      .map((m) => ({ id: m.id, title: m.title, widget: Boolean(m.widget) }));
  }
}
