import fs from 'node:fs';
import path from 'node:path';
import type { PluginContentType } from '../content/plugin-content.js';
import { codeRoot, repoRoot } from '../paths.js';

interface SchemaFile {
  info?: { pluralName?: unknown };
  attributes?: Record<string, { type?: unknown; relation?: unknown; multiple?: unknown }>;
}

/**
 * The folder of a plugin's content types: beside its manifest when run from the sources, in the
 * repository's copy of the plugin when run compiled from dist/server (schemas are not compiled;
 * the CMS reads the same folder).
 */
function contentTypesDir(pluginDir: string): string | undefined {
  const candidates = [path.join(pluginDir, 'content-types'), path.join(repoRoot, path.relative(codeRoot, pluginDir), 'content-types')];
  return candidates.find((dir) => fs.existsSync(dir));
}

/**
 * The content types a plugin brings (`<plugin>/content-types/<name>/schema.json`, as the CMS
 * discovers them: cms/src/plugins/callpy/server/content-types.ts, which also rejects bad ones).
 */
export function readPluginContentTypes(pluginId: string, pluginDir: string): PluginContentType[] {
  const dir = contentTypesDir(pluginDir);
  if (!dir) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'schema.json')))
    .map((entry) => {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, entry.name, 'schema.json'), 'utf8')) as SchemaFile;
      const attributes = Object.entries(schema.attributes ?? {});
      const linked = attributes.filter(([, a]) => a.type === 'relation' || a.type === 'media');
      return {
        name: entry.name,
        owner: pluginId,
        pluralName: String(schema.info?.pluralName),
        linked: linked.map(([name]) => name),
        linkedMany: linked.filter(([, a]) => /Many$/.test(String(a.relation ?? '')) || a.multiple === true).map(([name]) => name),
      };
    });
}
