import fs from 'node:fs';
import path from 'node:path';
import type { ContentStore } from '../content/content-store.js';
import type { AccountLimitRegistry } from './account-limits.js';
import type { Localized, PluginManifest } from './plugin.types.js';

/**
 * Which installed plugins an account has (A7): an enablement record in the CMS decides; without
 * one the plugin's `enabledByDefault` (true unless it says otherwise) does. A plugin's visitor
 * side is the chunk the widget build made of its `widget/index.ts`, named with a hash of its
 * content in the build's manifest.json (/widget/plugins/<id>-<hash>.js): what was built is what the
 * loader may fetch. A plugin's account limits (`accountLimitsRef`, e.g. a licence's plan) may hold
 * an enabled plugin off for an account: then it is off everywhere, its data kept. So does a plugin
 * it `dependsOn` being off: calls without the chat would ring in a dialog nobody can open.
 */
export class PluginResolution {
  private manifests: PluginManifest[] = [];
  /** Plugin id → its chunk's path under /widget/. */
  private widgetChunks = new Map<string, string>();

  constructor(
    private readonly content: ContentStore,
    private readonly limits?: AccountLimitRegistry,
  ) {}

  install(manifests: readonly PluginManifest[], widgetDir: string): void {
    this.manifests = [...manifests];
    const manifest = path.join(widgetDir, 'manifest.json');
    const built = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { plugins: Record<string, string> }).plugins : {};
    this.widgetChunks = new Map(Object.entries(built));
  }

  isEnabled(manifest: Pick<PluginManifest, 'id' | 'enabledByDefault' | 'dependsOn'>, accountId: string): boolean {
    return this.isSwitchedOn(manifest, accountId) && (this.limits?.allowsPlugin(accountId, manifest.id) ?? true) && this.missingFor(manifest, accountId).length === 0;
  }

  /** The plugins `manifest` depends on that the account does not have (the loader refuses cycles). */
  missingFor(manifest: Pick<PluginManifest, 'dependsOn'>, accountId: string): PluginManifest[] {
    return (manifest.dependsOn ?? [])
      .map((id) => this.manifests.find((m) => m.id === id))
      .filter((dep): dep is PluginManifest => dep !== undefined && !this.isEnabled(dep, accountId));
  }

  /** The agency's switch alone (the enablement record, else the default), whatever the limits say. */
  isSwitchedOn(manifest: Pick<PluginManifest, 'id' | 'enabledByDefault'>, accountId: string): boolean {
    const record = this.content.pluginEnablement(accountId, manifest.id);
    return record ? record.enabled : (manifest.enabledByDefault ?? true);
  }

  /** Every plugin this installation runs, whether an account has it or not (the agency's switches). */
  installed(): readonly PluginManifest[] {
    return this.manifests;
  }

  /** `widget`: the plugin's chunk under /widget/, when it has one. */
  enabledFor(accountId: string): { id: string; title: Localized; widget: string | undefined }[] {
    return this.manifests
      .filter((m) => this.isEnabled(m, accountId))
      .map((m) => ({ id: m.id, title: m.title, widget: this.widgetChunks.get(m.id) }));
  }
}
