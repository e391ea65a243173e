import { Router } from 'express';
import { z } from 'zod';
import type { DesignPreviews } from './design-preview.service.js';

const query = z.object({ page: z.string().max(4000).optional() });

/**
 * GET /widget/preview: the design page's preview frame. Whatever HTML it carries (a client's page
 * included), only the core's own scripts run in it: no inline script, no other origin, no
 * connections elsewhere, no frames, no forms; only the panel (same origin) may frame it.
 */
export function designPreviewRoutes(previews: DesignPreviews, publicUrl: string): Router {
  const router = Router();
  const self = new URL(publicUrl).origin;
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${self}`,
    "style-src * 'unsafe-inline' data:",
    'img-src * data: blob:',
    'font-src * data:',
    'media-src *',
    `connect-src 'self' ${self}`,
    "frame-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  router.get('/widget/preview', async (req, res) => {
    const parsed = query.safeParse(req.query);
    const html = await previews.render(parsed.success ? parsed.data.page : undefined);
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(html);
  });
  return router;
}
