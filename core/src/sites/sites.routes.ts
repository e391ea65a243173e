import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { parseOrThrow } from '../http/http-error.js';
import { siteName, siteSettingsBody, siteUrl } from './site-settings.schema.js';
import type { SitesService } from './sites.service.js';

const siteBody = z.object({ name: siteName, url: siteUrl });
// Strapi documentIds are 24 lower-case letters and digits; anything else is no site of ours.
const siteId = z.string().regex(/^[a-z0-9]{1,64}$/, 'No such site');

/** /api/sites (admins only): the account's sites, their install code and settings (docs/site-settings.md). */
export function sitesRoutes(sites: SitesService, resolver: ActorResolver): Router {
  const router = Router();
  router.use(requireActor(resolver, 'admin'));
  const accountOf = (locals: Express.Locals) => currentUser(locals).accountId;
  router.get('/', (_req, res) => {
    res.json(sites.list(accountOf(res.locals)));
  });
  router.post('/', async (req, res) => {
    const { name, url } = parseOrThrow(siteBody, req.body);
    res.status(201).json(await sites.create(accountOf(res.locals), name, url));
  });
  router.get('/:id', (req, res) => {
    res.json(sites.get(accountOf(res.locals), req.params.id));
  });
  router.patch('/:id', async (req, res) => {
    // Tenancy first: another account's site is a 404 whatever the body says.
    sites.own(accountOf(res.locals), req.params.id);
    res.json(await sites.update(accountOf(res.locals), req.params.id, parseOrThrow(siteSettingsBody, req.body)));
  });
  router.delete('/:id', async (req, res) => {
    await sites.remove(accountOf(res.locals), parseOrThrow(siteId, req.params.id));
    res.status(204).end();
  });
  router.get('/:id/install-code', (req, res) => {
    res.json(sites.installCode(accountOf(res.locals), req.params.id));
  });
  return router;
}
