import fs from 'node:fs';
import path from 'node:path';
import { contentTypes as ctUtils } from '@strapi/utils';

/**
 * Content types are owned by the repo's folders, not by this Strapi app:
 *
 *   core/content-types/<name>/schema.json
 *   plugins/<id>/content-types/<name>/schema.json
 *   integrations/<id>/content-types/<name>/schema.json
 *
 * Each one becomes `plugin::callpy.<name>` with CRUD at /api/callpy/<pluralName>.
 * This module needs no running Strapi, so it is unit-tested directly.
 */

export const PLUGIN_NAME = 'callpy';

/** Names taken by the plugin's own routes/controllers/snapshot keys. */
const RESERVED_SINGULAR = new Set(['snapshot', 'user', 'users', 'core-user', 'core-snapshot']);
const RESERVED_PLURAL = new Set(['snapshot', 'users', 'user']);
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface DiscoveredContentType {
  /** Folder name = info.singularName = the part after `plugin::callpy.` */
  name: string;
  uid: string;
  /** Absolute path of schema.json (for error messages). */
  file: string;
  /** Where it came from: "core", "plugins/<id>" or "integrations/<id>". */
  owner: string;
  schema: Record<string, any>;
}

export class ContentTypeDiscoveryError extends Error {
  constructor(message: string) {
    super(`[callpy cms] ${message}`);
    this.name = 'ContentTypeDiscoveryError';
  }
}

const listDirs = (dir: string): string[] => {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
};

/** All `<content-types dir, owner>` pairs of the repo, in a stable order. */
export function contentTypeRoots(root: string): Array<{ dir: string; owner: string }> {
  const roots = [{ dir: path.join(root, 'core', 'content-types'), owner: 'core' }];
  for (const group of ['plugins', 'integrations']) {
    for (const id of listDirs(path.join(root, group))) {
      roots.push({ dir: path.join(root, group, id, 'content-types'), owner: `${group}/${id}` });
    }
  }
  return roots;
}

function readSchema(file: string): Record<string, any> {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ContentTypeDiscoveryError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the top level must be an object');
    }
    return parsed;
  } catch (err) {
    throw new ContentTypeDiscoveryError(`Invalid JSON in ${file}: ${(err as Error).message}`);
  }
}

function normalise(name: string, file: string, schema: Record<string, any>): Record<string, any> {
  if (!KEBAB.test(name)) {
    throw new ContentTypeDiscoveryError(
      `Content type folder name "${name}" (${file}) must be kebab-case, e.g. "widget-design".`,
    );
  }
  const info = schema.info ?? {};
  if (info.singularName !== undefined && info.singularName !== name) {
    throw new ContentTypeDiscoveryError(
      `${file}: info.singularName "${info.singularName}" must equal its folder name "${name}".`,
    );
  }
  if (!info.pluralName || !KEBAB.test(info.pluralName)) {
    throw new ContentTypeDiscoveryError(`${file}: info.pluralName must be set and kebab-case.`);
  }
  if (info.pluralName === name) {
    throw new ContentTypeDiscoveryError(`${file}: info.pluralName must differ from the singular name.`);
  }
  if (RESERVED_SINGULAR.has(name) || RESERVED_PLURAL.has(info.pluralName)) {
    throw new ContentTypeDiscoveryError(
      `${file}: the name "${name}"/"${info.pluralName}" is reserved by the callpy plugin ` +
        '(snapshot and users routes).',
    );
  }
  const kind = schema.kind ?? 'collectionType';
  if (kind !== 'collectionType' && kind !== 'singleType') {
    throw new ContentTypeDiscoveryError(`${file}: kind must be "collectionType" or "singleType".`);
  }
  if (!schema.attributes || typeof schema.attributes !== 'object') {
    throw new ContentTypeDiscoveryError(`${file}: "attributes" must be an object.`);
  }
  // Strapi adds id, documentId, locale, localizations, createdAt... itself: a schema that
  // reuses one of those names breaks at run time in confusing ways (e.g. `locale` is the
  // i18n locale of every entry), so refuse it here.
  const reserved = Object.keys(schema.attributes).filter((attr) =>
    ctUtils.isReservedAttributeName(attr, { draftAndPublish: false }),
  );
  if (reserved.length > 0) {
    throw new ContentTypeDiscoveryError(
      `${file}: attribute name${reserved.length > 1 ? 's' : ''} ${reserved.map((r) => `"${r}"`).join(', ')} ` +
        'reserved by Strapi (pick another, e.g. "language" instead of "locale").',
    );
  }
  if (schema.options?.draftAndPublish === true) {
    // The core reads content as soon as it is saved; drafts would be invisible to it.
    throw new ContentTypeDiscoveryError(
      `${file}: draftAndPublish must be false (the core reads entries as soon as they are saved).`,
    );
  }
  return {
    ...schema,
    kind,
    // A stable, SQL-friendly table name unless the schema picks one.
    collectionName: schema.collectionName ?? `${PLUGIN_NAME}_${String(info.pluralName).replace(/-/g, '_')}`,
    info: {
      displayName: name,
      ...info,
      singularName: name,
    },
    options: { ...(schema.options ?? {}), draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: true },
      // Schemas are edited in the repo, never in the running admin panel.
      'content-type-builder': { visible: false },
      ...(schema.pluginOptions ?? {}),
    },
  };
}

/**
 * Reads every schema.json of the repo. Throws a ContentTypeDiscoveryError on a duplicate
 * name (naming both files), a bad file, or a clash of plural names (same REST path).
 */
export function discoverContentTypes(root: string): DiscoveredContentType[] {
  const found = new Map<string, DiscoveredContentType>();
  const plurals = new Map<string, string>();
  for (const { dir, owner } of contentTypeRoots(root)) {
    for (const name of listDirs(dir)) {
      const file = path.join(dir, name, 'schema.json');
      if (!fs.existsSync(file)) continue;
      const schema = normalise(name, file, readSchema(file));
      const previous = found.get(name);
      if (previous) {
        throw new ContentTypeDiscoveryError(
          `Duplicate content type "${name}": defined in both ${previous.file} and ${file}. ` +
            'Content type names must be unique across core/, plugins/ and integrations/.',
        );
      }
      const plural = schema.info.pluralName as string;
      const pluralOwner = plurals.get(plural);
      if (pluralOwner) {
        throw new ContentTypeDiscoveryError(
          `Duplicate pluralName "${plural}": used by ${pluralOwner} and ${file}.`,
        );
      }
      plurals.set(plural, file);
      found.set(name, { name, uid: `plugin::${PLUGIN_NAME}.${name}`, file, owner, schema });
    }
  }
  return [...found.values()];
}
