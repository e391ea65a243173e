import { randomUUID } from 'node:crypto';
import cors from 'cors';
import { Router } from 'express';
import { z } from 'zod';
import type { ContentStore } from '../content/content-store.js';
import { HttpError, parseOrThrow } from '../http/http-error.js';
import { byIp, type RateLimits } from '../http/rate-limit.js';
import type { WidgetDesigns } from '../sites/design.service.js';
import type { VisitorTokens } from './visitor-token.js';
import { widgetPluginsOf, type WidgetPluginsDeps } from './widget-plugins.js';

const sessionBody = z.object({
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().max(2000).optional(),
});

/**
 * /api/widget: the loader's first call. It proves the page is one of the site's addresses,
 * returns the visitor token (the same visitor across reloads and pages), the site's widget design
 * and the widget parts of the plugins this account has — the loader fetches nothing else.
 */
export function widgetRoutes(
  deps: WidgetPluginsDeps & {
    content: ContentStore;
    visitorTokens: VisitorTokens;
    limits: RateLimits;
    designs: WidgetDesigns;
  },
): Router {
  const router = Router();
  router.use(cors({ origin: (origin, cb) => cb(null, Boolean(origin && deps.content.isSiteOrigin(origin))), maxAge: 600 }));
  router.post('/session', deps.limits.http('widget-session', 60, 60, byIp), async (req, res) => {
    const { siteKey, visitorToken } = parseOrThrow(sessionBody, req.body);
    const site = deps.content.siteByKey(siteKey);
    if (!site?.account) throw new HttpError(404, 'unknown_site', 'Unknown site key; check the install code');
    const origin = req.headers.origin;
    if (!origin || !site.origins.includes(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `This page's address is not among the site's addresses (${origin ?? 'no origin'})`);
    }
    const previous = visitorToken ? await deps.visitorTokens.verify(visitorToken) : undefined;
    const visitorId = previous?.site === site.documentId ? previous.sub : randomUUID();
    const token = previous?.site === site.documentId ? visitorToken : await deps.visitorTokens.sign({ site: site.documentId }, visitorId);
    res.json({
      visitorToken: token,
      visitorId,
      siteId: site.documentId,
      locale: site.chatLanguage,
      design: deps.designs.forSite(site.documentId),
      plugins: widgetPluginsOf(deps, { documentId: site.documentId, account: site.account }),
    });
  });
  // B7: the site's logo, from the media library (browsers never reach the CMS). A new logo is a
  // new address, so a served one never changes: browsers and proxies keep it.
  router.get('/logo/:siteId/:fileId', async (req, res) => {
    const logo = await deps.designs.logo(req.params.siteId, req.params.fileId);
    if (!logo) throw new HttpError(404, 'not_found', 'No such logo');
    res.setHeader('Content-Type', logo.mime === 'image/png' ? 'image/png' : 'image/jpeg');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(logo.bytes);
  });
  return router;
}
