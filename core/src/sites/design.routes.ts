import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { parseOrThrow } from '../http/http-error.js';
import type { RateLimits } from '../http/rate-limit.js';
import { receiveOneFile } from '../http/receive-file.js';
import { LOGO_RULES } from '../../../widget/src/design.js';
import { checkLogo, logoTooLarge } from './design-logo.js';
import { sendIssuedPreview } from './design-preview.routes.js';
import type { DesignPreviews } from './design-preview.service.js';
import { designBody } from './design.schema.js';
import type { WidgetDesigns } from './design.service.js';

/** B7: the logo, read as it streams and cut off past 2 MB; checked by content before it is stored. */
const receiveLogo = receiveOneFile(LOGO_RULES.maxBytes, 'the logo', logoTooLarge);

const previewBody = z.strictObject({ url: z.string({ error: 'Enter the address of a page of the site' }).trim().min(1, 'Enter the address of a page of the site').max(2000, 'At most 2000 characters') });

/**
 * /api/sites/:id/design… (B3–B8), for account admins, on sites of their own account only; the
 * contract is docs/widget-design.md. A refused request changes nothing.
 */
export function designRoutes(deps: { designs: WidgetDesigns; previews: DesignPreviews; resolver: ActorResolver; limits: RateLimits; publicUrl: string }): Router {
  const { designs, previews } = deps;
  const router = Router();
  router.use('/:id/design', requireActor(deps.resolver, 'admin'));
  const accountOf = (locals: Express.Locals) => currentUser(locals).accountId;

  // Tenancy before anything else: another account's site is a 404 before a 400, nothing of a
  // request for it is read, and only the site's own admins spend its rate budgets.
  const ownSite: RequestHandler = (req, res, next) => {
    designs.checkSite(accountOf(res.locals), req.params.id as string);
    next();
  };
  router.get('/:id/design', (req, res) => {
    res.json(designs.view(accountOf(res.locals), req.params.id));
  });
  router.put('/:id/design', ownSite, async (req, res) => {
    res.json(await designs.save(accountOf(res.locals), req.params.id as string, parseOrThrow(designBody, req.body)));
  });
  router.post('/:id/design/logo', ownSite, deps.limits.http('design-logo', 30, 60, (req) => `${req.params.id}`), receiveLogo, async (req, res) => {
    const bytes = req.file!.buffer;
    const logo = await checkLogo(bytes);
    res.json(await designs.setLogo(accountOf(res.locals), req.params.id as string, bytes, logo));
  });
  router.delete('/:id/design/logo', async (req, res) => {
    res.json(await designs.removeLogo(accountOf(res.locals), req.params.id));
  });
  router.post('/:id/design/preview-page', ownSite, deps.limits.http('design-preview', 30, 60, (req) => `${req.params.id}`), async (req, res) => {
    const { url } = parseOrThrow(previewBody, req.body);
    sendIssuedPreview(res, await previews.issue(req.params.id as string, url, currentUser(res.locals).userId), deps.publicUrl);
  });
  return router;
}
