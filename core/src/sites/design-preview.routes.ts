import type { Request, Response } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { PREVIEW_SECONDS, type DesignPreviews, type IssuedPreview } from './design-preview.service.js';

const query = z.object({ page: z.string().max(4000).optional() });

const PREVIEW_PATH = '/widget/preview';
/** The preview's viewer cookie: sent only to the preview frame's own path, never read by scripts. */
const VIEWER_COOKIE = 'callpy_preview_viewer';

/** Answers an issued preview: its address in the body, its viewer token in the requester's cookie. */
export function sendIssuedPreview(res: Response, issued: IssuedPreview, publicUrl: string): void {
  res.cookie(VIEWER_COOKIE, issued.viewer, {
    httpOnly: true,
    sameSite: 'strict',
    secure: new URL(publicUrl).protocol === 'https:',
    path: PREVIEW_PATH,
    maxAge: PREVIEW_SECONDS * 1000,
  });
  res.json({ src: issued.src });
}

function viewerCookie(req: Request): string | undefined {
  const header = req.headers.cookie ?? '';
  return new RegExp(`(?:^|;\\s*)${VIEWER_COOKIE}=([^;]{1,2000})`).exec(header)?.[1];
}

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
  router.get(PREVIEW_PATH, async (req, res) => {
    const parsed = query.safeParse(req.query);
    const html = await previews.render(parsed.success ? parsed.data.page : undefined, viewerCookie(req));
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(html);
  });
  return router;
}
