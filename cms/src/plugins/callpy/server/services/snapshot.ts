import type { Core } from '@strapi/strapi';
import type { DiscoveredContentType } from '../content-types';

/**
 * GET /api/callpy/snapshot: everything the core caches, in one call.
 *
 * Each discovered content type appears under its camelCased pluralName (accounts, sites,
 * pluginEnablements, and whatever plugins add), plus `users`. Records are plain objects:
 * id, documentId, fields, and relations flattened to documentIds (toOne: string | null,
 * toMany: string[]). Media become { id, documentId, url, name, mime, width, height } (the numeric
 * id is what the upload plugin's routes take, e.g. to delete a replaced file).
 */

const MEDIA_FIELDS = ['id', 'documentId', 'url', 'name', 'mime', 'width', 'height', 'alternativeText'];

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const isToMany = (attr: any) => /Many$/.test(String(attr.relation ?? ''));

// Strapi adds createdBy/updatedBy (admin users), publishedAt and the i18n locale fields to
// every type: none of them means anything to the core (no drafts, no localized entries).
const SKIPPED = new Set(['publishedAt', 'locale', 'localizations']);
const skipAttribute = (name: string, attr: any) =>
  SKIPPED.has(name) ||
  attr.type === 'password' ||
  (attr.type === 'relation' && (String(attr.target ?? '').startsWith('admin::') || !attr.target));

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export function snapshotKey(ct: DiscoveredContentType) {
  return camel(ct.schema.info.pluralName);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  function plan(uid: string) {
    const model: any = strapi.getModel(uid as any);
    const populate: Record<string, any> = {};
    const scalars: string[] = [];
    const relations: Array<{ name: string; many: boolean; media: boolean }> = [];
    for (const [name, attr] of Object.entries<any>(model.attributes)) {
      if (skipAttribute(name, attr)) continue;
      if (attr.type === 'relation') {
        populate[name] = { select: ['documentId'] };
        relations.push({ name, many: isToMany(attr), media: false });
      } else if (attr.type === 'media') {
        populate[name] = { select: MEDIA_FIELDS };
        relations.push({ name, many: Boolean(attr.multiple), media: true });
      } else if (attr.type === 'component' || attr.type === 'dynamiczone') {
        populate[name] = true;
        scalars.push(name);
      } else {
        scalars.push(name);
      }
    }
    return { populate, scalars, relations };
  }

  function flatten(row: any, p: ReturnType<typeof plan>) {
    const out: Record<string, unknown> = { id: row.id, documentId: row.documentId };
    for (const name of p.scalars) {
      if (name === 'id' || name === 'documentId') continue;
      const v = row[name];
      out[name] = name === 'createdAt' || name === 'updatedAt' ? iso(v) : (v ?? null);
    }
    for (const r of p.relations) {
      const v = row[r.name];
      const one = (x: any) =>
        r.media
          ? { id: x.id, documentId: x.documentId, url: x.url, name: x.name, mime: x.mime, width: x.width ?? null, height: x.height ?? null, alternativeText: x.alternativeText ?? null }
          : x.documentId;
      out[r.name] = r.many ? (Array.isArray(v) ? v.map(one) : []) : v ? one(v) : null;
    }
    return out;
  }

  return {
    async records(uid: string) {
      const p = plan(uid);
      const rows = await strapi.db.query(uid as any).findMany({ populate: p.populate, orderBy: { id: 'asc' } });
      return rows.map((row: any) => flatten(row, p));
    },

    async build(types: DiscoveredContentType[]) {
      const result: Record<string, unknown[]> = {};
      for (const ct of types) result[snapshotKey(ct)] = await this.records(ct.uid);
      result.users = await strapi.plugin('callpy').service('core-user').findAll();
      return result;
    },
  };
};
