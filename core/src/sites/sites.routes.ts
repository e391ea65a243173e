import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { parseOrThrow } from '../http/http-error.js';
import type { SitesService } from './sites.service.js';

const siteBody = z.object({
  name: z.string().trim().min(1, 'Enter a name for the site').max(100, 'At most 100 characters'),
  url: z
    .string()
    .trim()
    .max(2000)
    .transform((v) => (/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`))
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter the site address, e.g. https://shop.example' })),
});

/** /api/sites (admins only). */
export function sitesRoutes(sites: SitesService, resolver: ActorResolver): Router {
  const router = Router();
  router.use(requireActor(resolver, 'admin'));
  router.get('/', (_req, res) => {
    res.json(sites.list(currentUser(res.locals).accountId));
  });
  router.post('/', async (req, res) => {
    const { name, url } = parseOrThrow(siteBody, req.body);
    res.status(201).json(await sites.create(currentUser(res.locals).accountId, name, url));
  });
  router.get('/:id/install-code', (req, res) => {
    res.json(sites.installCode(currentUser(res.locals).accountId, req.params.id));
  });
  return router;
}
