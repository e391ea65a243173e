import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import type { ContentStore } from '../content/content-store.js';
import type { Locale } from '../content/content.types.js';
import { forbidden, HttpError, notFound, parseOrThrow } from '../http/http-error.js';
import type { PluginResolution } from './plugin-enablement.js';
import type { PluginManifest } from './plugin.types.js';
import type { PluginSettingsStore, SettingsScope } from './plugin-settings.js';

/** 50 goals with their longest selectors and patterns fit; a settings page sends nothing bigger. */
const BODY_LIMIT = '256kb';

const putBody = z.object({ value: z.unknown() });

/**
 * `/api/plugins/:pluginId/settings/sites/:siteId` and `…/settings/account`: a plugin's settings
 * for the panel. Members of the account read them, its admins write them; the plugin must be
 * installed, declare settings of that scope and be enabled for the account; a site must be the
 * account's (another's answers as unknown). A refused request writes nothing.
 */
export function pluginSettingsRoutes(deps: {
  settings: PluginSettingsStore;
  manifests: readonly PluginManifest[];
  enablement: PluginResolution;
  content: ContentStore;
  resolver: ActorResolver;
}): Router {
  const router = Router();
  const byId = new Map(deps.manifests.map((m) => [m.id, m]));
  const scopeOf = (req: Request): SettingsScope => (req.params.siteId === undefined ? 'account' : 'site');

  /** Plugin, scope, enablement and tenancy, before a body is read. */
  const allowed: RequestHandler = (req, res, next) => {
    const user = currentUser(res.locals);
    const manifest = byId.get(req.params.pluginId as string);
    const scope = scopeOf(req);
    if (!manifest || !deps.settings.declares(manifest.id, scope)) throw notFound(`No ${scope} settings for this plugin`);
    if (!deps.enablement.isEnabled(manifest, user.accountId)) {
      throw new HttpError(403, 'plugin_disabled', `The "${manifest.id}" feature is not enabled for this account`);
    }
    if (scope === 'site' && deps.content.site(req.params.siteId as string)?.account !== user.accountId) throw notFound('No such site in this account');
    if (req.method !== 'GET' && user.role !== 'admin') throw forbidden('Only an account administrator can do this');
    next();
  };
  const ownerOf = (req: Request, accountId: string) => (req.params.siteId as string | undefined) ?? accountId;

  const read: RequestHandler = (req, res) => {
    const { accountId } = currentUser(res.locals);
    res.json({ value: deps.settings.read(req.params.pluginId as string, scopeOf(req), ownerOf(req, accountId)) });
  };
  const save: RequestHandler = async (req, res) => {
    const user = currentUser(res.locals);
    const pluginId = req.params.pluginId as string;
    const scope = scopeOf(req);
    const { value } = parseOrThrow(putBody, req.body);
    const parsed = deps.settings.parse(pluginId, scope, value, requestLocale(req, deps.content.user(user.userId)?.panelLocale));
    res.json({ value: await deps.settings.write(pluginId, scope, ownerOf(req, user.accountId), user.accountId, parsed) });
  };

  const guard = [requireActor(deps.resolver, 'user'), allowed];
  const body = express.json({ limit: BODY_LIMIT });
  for (const path of ['/:pluginId/settings/sites/:siteId', '/:pluginId/settings/account']) {
    router.get(path, ...guard, read);
    router.put(path, ...guard, body, save);
  }
  return router;
}

/** The language the panel asks in (Accept-Language), else the user's own panel language. */
function requestLocale(req: Request, fallback: Locale | undefined): Locale {
  const header = req.headers['accept-language'];
  if (!header) return fallback ?? 'en';
  return req.acceptsLanguages('ru', 'en') === 'ru' ? 'ru' : 'en';
}
