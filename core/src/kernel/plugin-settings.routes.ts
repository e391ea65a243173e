import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { currentStaff } from '../agency/staff.guard.js';
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
export function pluginSettingsRoutes(deps: SettingsRouteDeps & { resolver: ActorResolver }): Router {
  return settingsRouter(deps, [requireActor(deps.resolver, 'user')], (_req, res) => {
    const user = currentUser(res.locals);
    return { accountId: user.accountId, userId: user.userId, admin: user.role === 'admin' };
  }, ['/:pluginId/settings/sites/:siteId', '/:pluginId/settings/account']);
}

/**
 * A7 for agencies: `/api/agency/clients/:clientId/plugins/:pluginId/settings/sites/:siteId`, the
 * same settings of a client's site for the staff of the client's own agency (read and write, as
 * its admin would). Another agency's client, or a site of another account, answers as unknown;
 * the rest (plugin, scope, enablement, the schema and its messages) is the panel's route's.
 */
export function agencyPluginSettingsRoutes(deps: SettingsRouteDeps & { staff: RequestHandler }): Router {
  return settingsRouter(deps, [deps.staff], (req, res) => {
    const staff = currentStaff(res.locals);
    const accountId = parseOrThrow(clientIdParam, req.params.clientId);
    if (deps.content.account(accountId)?.agency !== staff.agencyId) throw notFound('No such client of this agency');
    return { accountId, userId: staff.userId, admin: true };
  }, ['/clients/:clientId/plugins/:pluginId/settings/sites/:siteId']);
}

interface SettingsRouteDeps {
  settings: PluginSettingsStore;
  manifests: readonly PluginManifest[];
  enablement: PluginResolution;
  content: ContentStore;
}

/** Whose settings a request reaches: the account, the user asking (for the language) and whether they may write. */
type Requester = (req: Request, res: Response) => { accountId: string; userId: number; admin: boolean };

// Strapi documentIds are lower-case letters and digits.
const clientIdParam = z.string().regex(/^[a-z0-9]{1,64}$/, 'No such client');

function settingsRouter(deps: SettingsRouteDeps, guard: RequestHandler[], requester: Requester, paths: string[]): Router {
  const router = Router();
  const byId = new Map(deps.manifests.map((m) => [m.id, m]));
  const scopeOf = (req: Request): SettingsScope => (req.params.siteId === undefined ? 'account' : 'site');
  const ownerOf = (req: Request, accountId: string) => (req.params.siteId as string | undefined) ?? accountId;

  /** Plugin, scope, enablement and tenancy, before a body is read. */
  const allowed: RequestHandler = (req, res, next) => {
    const who = requester(req, res);
    const manifest = byId.get(req.params.pluginId as string);
    const scope = scopeOf(req);
    if (!manifest || !deps.settings.declares(manifest.id, scope)) throw notFound(`No ${scope} settings for this plugin`);
    if (!deps.enablement.isEnabled(manifest, who.accountId)) {
      throw new HttpError(403, 'plugin_disabled', `The "${manifest.id}" feature is not enabled for this account`);
    }
    if (scope === 'site' && deps.content.site(req.params.siteId as string)?.account !== who.accountId) throw notFound('No such site in this account');
    if (req.method !== 'GET' && !who.admin) throw forbidden('Only an account administrator can do this');
    res.locals.settingsOf = who;
    next();
  };

  const read: RequestHandler = (req, res) => {
    const { accountId } = res.locals.settingsOf!;
    res.json({ value: deps.settings.read(req.params.pluginId as string, scopeOf(req), ownerOf(req, accountId)) });
  };
  const save: RequestHandler = async (req, res) => {
    const { accountId, userId } = res.locals.settingsOf!;
    const pluginId = req.params.pluginId as string;
    const scope = scopeOf(req);
    const { value } = parseOrThrow(putBody, req.body);
    const parsed = deps.settings.parse(pluginId, scope, value, requestLocale(req, deps.content.user(userId)?.panelLocale));
    res.json({ value: await deps.settings.write(pluginId, scope, ownerOf(req, accountId), accountId, parsed) });
  };

  const body = express.json({ limit: BODY_LIMIT });
  for (const path of paths) {
    router.get(path, ...guard, allowed, read);
    router.put(path, ...guard, allowed, body, save);
  }
  return router;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point
  namespace Express {
    interface Locals {
      /** The account whose plugin settings the request reaches (plugin-settings.routes.ts). */
      settingsOf?: { accountId: string; userId: number; admin: boolean };
    }
  }
}

/** The language the panel asks in (Accept-Language), else the user's own panel language. */
function requestLocale(req: Request, fallback: Locale | undefined): Locale {
  const header = req.headers['accept-language'];
  if (!header) return fallback ?? 'en';
  return req.acceptsLanguages('ru', 'en') === 'ru' ? 'ru' : 'en';
}
