import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { repoRoot } from '../../../lib/paths';
import { installedPluginIds, pluginDirsFromEnv } from './installed-plugins';

/**
 * What the core cannot serve is refused on save, wherever it is saved from (the core's token, the
 * content manager): a site without an address or origins (its widget would answer 500 while the
 * CMS said «Saved»), a plugin enablement naming no installed plugin (a typo that silently does
 * nothing). Database lifecycles see every write. Also: an account created without an agency
 * belongs to the default one (the first), so no account is left outside every agency.
 */
const SITE = 'plugin::callpy.site';
const ENABLEMENT = 'plugin::callpy.plugin-enablement';
const ACCOUNT = 'plugin::callpy.account';
const AGENCY = 'plugin::callpy.agency';

type Data = Record<string, unknown>;

const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const isOrigin = (value: unknown): boolean => isHttpUrl(value) && new URL(value as string).origin === value;

/** The site's problems in `data` (a create checks both fields; an update only those it sends). */
export function siteProblems(data: Data, creating: boolean): string[] {
  const problems: string[] = [];
  if ((creating || 'url' in data) && !isHttpUrl(data.url)) {
    problems.push('url: a site needs its address, such as https://shop.example');
  }
  if (creating || 'origins' in data) {
    const origins = data.origins;
    if (!Array.isArray(origins) || origins.length === 0 || !origins.every(isOrigin)) {
      problems.push('origins: a site needs at least one origin its widget answers on, such as ["https://shop.example"] (scheme and host, no path)');
    }
  }
  return problems;
}

export function enablementProblems(data: Data, creating: boolean, installed: ReadonlySet<string>): string[] {
  if (!creating && !('pluginId' in data)) return [];
  if (typeof data.pluginId === 'string' && installed.has(data.pluginId)) return [];
  return [`pluginId: «${String(data.pluginId ?? '')}» is no installed plugin; installed: ${[...installed].sort().join(', ') || 'none'}`];
}

/** A relation left out or left empty (the content manager sends `{ connect: [], disconnect: [] }`). */
const noRelation = (value: unknown): boolean => {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const { connect, set } = value as { connect?: unknown[]; set?: unknown[] };
  return (connect === undefined || connect.length === 0) && (set === undefined || set.length === 0);
};

const refuse = (problems: string[]) => {
  if (problems.length) throw new errors.ValidationError(problems.join('; '));
};

export function subscribeContentRules(strapi: Core.Strapi): void {
  const installed = installedPluginIds(repoRoot(), pluginDirsFromEnv(process.env.PLUGIN_DIRS));
  const data = (event: any): Data => (event.params?.data ?? {}) as Data;
  strapi.db.lifecycles.subscribe({
    models: [SITE],
    beforeCreate: (event: any) => refuse(siteProblems(data(event), true)),
    beforeUpdate: (event: any) => refuse(siteProblems(data(event), false)),
  });
  strapi.db.lifecycles.subscribe({
    models: [ENABLEMENT],
    beforeCreate: (event: any) => refuse(enablementProblems(data(event), true, installed)),
    beforeUpdate: (event: any) => refuse(enablementProblems(data(event), false, installed)),
  });
  strapi.db.lifecycles.subscribe({
    models: [ACCOUNT],
    async beforeCreate(event: any) {
      const given = data(event);
      if (!noRelation(given.agency)) return;
      const first = await strapi.db.query(AGENCY as any).findOne({ select: ['id'], orderBy: { id: 'asc' } });
      if (first) given.agency = first.id;
    },
  });
}
