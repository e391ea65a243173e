import fs from 'node:fs';
import path from 'node:path';
import type { ContentStore } from '../content/content-store.js';
import type { Localized, PluginManifest } from './plugin.types.js';

/**
 * Which installed plugins an account has (A7): an enablement record in the CMS decides; without
 * one the plugin's `enabledByDefault` (true unless it says otherwise) does. A plugin's visitor
 * side is the chunk the widget build made of its `widget/index.ts` (/widget/plugins/<id>.js):
 * what was built is what the loader may fetch.
 */
export class PluginResolution {
  private manifests: PluginManifest[] = [];
  private widgetChunks = new Set<string>();

  constructor(private readonly content: ContentStore) {}

  install(manifests: readonly PluginManifest[], widgetDir: string): void {
    this.manifests = [...manifests];
    const chunks = path.join(widgetDir, 'plugins');
    this.widgetChunks = new Set(fs.existsSync(chunks) ? fs.readdirSync(chunks).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)) : []);
  }

  isEnabled(manifest: Pick<PluginManifest, 'id' | 'enabledByDefault'>, accountId: string): boolean {
    const record = this.content.pluginEnablement(accountId, manifest.id);
    return record ? record.enabled : (manifest.enabledByDefault ?? true);
  }

  enabledFor(accountId: string): { id: string; title: Localized; widget: boolean }[] {
    return this.manifests
      .filter((m) => this.isEnabled(m, accountId))
      .map((m) => ({ id: m.id, title: m.title, widget: this.widgetChunks.has(m.id) }));
  }
}
