import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { PluginContentType } from '../content/plugin-content.js';
import { PluginConfigError } from './kernel-error.js';
import { readPluginContentTypes } from './plugin-content-types.js';
import type { PluginManifest } from './plugin.types.js';
import { pluginsConfigSchema, type PluginsConfig } from './plugins-config.js';

export interface ResolvedPlugin {
  manifest: PluginManifest;
  options: unknown;
  dir: string;
  /** Its own content types, and those of other plugins it declares it reads (`content.reads`). */
  content: { own: PluginContentType[]; reads: PluginContentType[] };
}

const PLUGIN_FOLDERS = ['plugins', 'integrations'];
const MANIFEST_FILES = ['plugin.js', 'plugin.ts'];

/** Finds `<root>/{plugins,integrations}/<id>/plugin.(js|ts)` in the first root that has it. */
function findManifestFile(id: string, roots: readonly string[]): string | undefined {
  for (const root of roots) {
    for (const folder of ['', ...PLUGIN_FOLDERS]) {
      for (const file of MANIFEST_FILES) {
        const candidate = path.join(root, folder, id, file);
        if (fs.existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join('.') : '(options)';
  return `option "${field}": ${issue.message}`;
}

export async function importPluginsConfig(file: string): Promise<PluginsConfig> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const parsed = pluginsConfigSchema.safeParse(mod.default);
  if (!parsed.success) {
    throw new PluginConfigError(
      parsed.error.issues.map((i) => `${path.basename(file)}: ${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** A plugin's socket namespace is `/<id>`: these are the core's own (realtime/panel-namespace.ts, visitor-namespace.ts). */
const CORE_NAMESPACES = ['panel', 'visitor'];

/**
 * Turns plugins.config.ts into plugins ready to start, in dependency order. Every problem —
 * unknown plugin, invalid option, missing dependency, cycle — is collected and thrown as one
 * PluginConfigError before anything is started.
 */
export async function resolvePlugins(config: PluginsConfig, roots: readonly string[]): Promise<ResolvedPlugin[]> {
  const problems: string[] = [];
  const resolved = new Map<string, ResolvedPlugin>();

  for (const [id, entry] of Object.entries(config.plugins)) {
    if (CORE_NAMESPACES.includes(id)) {
      problems.push(`Plugin "${id}": the id is taken by the core's own socket namespace /${id}; choose another`);
      continue;
    }
    const file = findManifestFile(id, roots);
    if (!file) {
      problems.push(`Unknown plugin "${id}": no folder plugins/${id} or integrations/${id} with a plugin.ts`);
      continue;
    }
    const manifest = ((await import(pathToFileURL(file).href)) as { default?: PluginManifest }).default;
    if (!manifest || typeof manifest.setup !== 'function') {
      problems.push(`Plugin "${id}": ${file} must export default definePlugin({ … })`);
      continue;
    }
    if (manifest.id !== id) {
      problems.push(`Plugin "${id}": its manifest says id "${manifest.id}"; the id must equal the folder name`);
      continue;
    }
    let options: unknown = entry.options;
    if (manifest.options) {
      const parsed = manifest.options.safeParse(entry.options ?? {});
      if (parsed.success) options = parsed.data;
      else problems.push(...parsed.error.issues.map((i) => `Plugin "${id}": ${describeZodIssue(i)}`));
    } else if (entry.options !== undefined) {
      problems.push(`Plugin "${id}": takes no options, but plugins.config.ts gives some`);
    }
    problems.push(...settingsProblems(manifest));
    const dir = path.dirname(file);
    resolved.set(id, { manifest, options, dir, content: { own: readPluginContentTypes(id, dir), reads: [] } });
  }
  problems.push(...resolveContentReads([...resolved.values()]));

  for (const { manifest } of resolved.values()) {
    for (const dep of manifest.dependsOn ?? []) {
      if (!(dep in config.plugins)) {
        problems.push(`Plugin "${manifest.id}": depends on "${dep}", which is not enabled in plugins.config.ts`);
      }
    }
  }
  if (problems.length) throw new PluginConfigError(problems);

  return topologicalOrder([...resolved.values()]);
}

/** Every `content.reads` entry names a type another configured plugin owns; found ones are filled in. */
function resolveContentReads(plugins: ResolvedPlugin[]): string[] {
  const problems: string[] = [];
  const byName = new Map(plugins.flatMap((p) => p.content.own.map((t) => [t.name, t] as const)));
  for (const plugin of plugins) {
    for (const name of plugin.manifest.content?.reads ?? []) {
      const type = byName.get(name);
      if (!type) problems.push(`Plugin "${plugin.manifest.id}": reads content type "${name}", which no configured plugin has in its content-types/`);
      else if (type.owner === plugin.manifest.id) problems.push(`Plugin "${plugin.manifest.id}": content type "${name}" is its own; list only other plugins' types in content.reads`);
      else plugin.content.reads.push(type);
    }
  }
  return problems;
}

/** `settings.site` / `settings.account` must parse `{}`: that is what a site reads before anything is saved. */
function settingsProblems({ id, settings }: PluginManifest): string[] {
  const problems: string[] = [];
  for (const scope of ['site', 'account'] as const) {
    const schema = settings?.[scope];
    if (!schema) continue;
    const parsed = typeof schema.safeParse === 'function' ? schema.safeParse({}) : undefined;
    if (!parsed) problems.push(`Plugin "${id}": settings.${scope} must be a zod schema`);
    else if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`Plugin "${id}": settings.${scope} must parse {} to its defaults, but ${issue?.path.join('.') || '(value)'}: ${issue?.message}`);
    }
  }
  if (settings?.widget && !settings.site) problems.push(`Plugin "${id}": settings.widget needs settings.site (it is given the site's value)`);
  return problems;
}

function topologicalOrder(plugins: ResolvedPlugin[]): ResolvedPlugin[] {
  const byId = new Map(plugins.map((p) => [p.manifest.id, p]));
  const ordered: ResolvedPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' → ');
      throw new PluginConfigError([`Plugin "${id}": dependency cycle ${cycle}`]);
    }
    state.set(id, 'visiting');
    const plugin = byId.get(id);
    if (!plugin) return;
    for (const dep of plugin.manifest.dependsOn ?? []) visit(dep, [...trail, id]);
    state.set(id, 'done');
    ordered.push(plugin);
  };
  // Sorted so the start order never depends on the order of keys in the config file.
  for (const id of [...byId.keys()].sort()) visit(id, []);
  return ordered;
}
