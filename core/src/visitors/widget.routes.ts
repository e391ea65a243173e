import { randomUUID } from 'node:crypto';
import cors from 'cors';
import { Router } from 'express';
import { z } from 'zod';
import type { ContentStore } from '../content/content-store.js';
import { HttpError, parseOrThrow } from '../http/http-error.js';
import { byIp, type RateLimits } from '../http/rate-limit.js';
import type { PluginResolution } from '../kernel/plugin-enablement.js';
import type { VisitorTokens } from './visitor-token.js';

const sessionBody = z.object({
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().max(2000).optional(),
});

/**
 * /api/widget: the loader's first call. It proves the page is one of the site's addresses,
 * returns the visitor token (the same visitor across reloads and pages) and the widget parts of
 * the plugins this account has — the loader fetches nothing else.
 */
export function widgetRoutes(deps: {
  content: ContentStore;
  visitorTokens: VisitorTokens;
  plugins: PluginResolution;
  publicUrl: string;
  limits: RateLimits;
}): Router {
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
      plugins: deps.plugins
        .enabledFor(site.account)
        .filter((p) => p.widget)
        .map((p) => ({ id: p.id, url: `${deps.publicUrl}/widget/plugins/${p.id}.js` })),
    });
  });
  return router;
}
