import fs from 'node:fs';
import path from 'node:path';

/**
 * The plugin ids installed next to this CMS, found as the core finds a plugin's manifest
 * (core/src/kernel/plugin-loader.ts): `<root>/{plugins,integrations}/<id>/plugin.(ts|js)` in the
 * repository, and `<dir>/<id>/…` or `<dir>/{plugins,integrations}/<id>/…` in each PLUGIN_DIRS
 * folder (the same variable the core reads). A plugin enablement naming anything else is refused.
 */
const FOLDERS = ['', 'plugins', 'integrations'];
const MANIFEST_FILES = ['plugin.js', 'plugin.ts'];

const subdirs = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

export function installedPluginIds(root: string, pluginDirs: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const base of [root, ...pluginDirs]) {
    for (const folder of FOLDERS) {
      const dir = path.join(base, folder);
      for (const id of subdirs(dir)) {
        if (MANIFEST_FILES.some((file) => fs.existsSync(path.join(dir, id, file)))) ids.add(id);
      }
    }
  }
  return ids;
}

/** PLUGIN_DIRS as the core reads it: `:`-separated folders, empty entries ignored. */
export const pluginDirsFromEnv = (value: string | undefined): string[] => (value ?? '').split(':').filter(Boolean);
