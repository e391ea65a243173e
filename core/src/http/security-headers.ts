import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { ContentSources } from './content-sources.js';

/**
 * helmet's headers for the panel, our own origin: the CSP allows what the Angular build needs and
 * nothing else. `upgrade-insecure-requests` and HSTS are sent only when the core is reached over
 * HTTPS (PUBLIC_URL): over plain HTTP on any host but localhost they make the browser rewrite every
 * script and API call to https://, which does not answer, and the panel stays blank. Plugins may
 * add origins for scripts and frames (`sources`, e.g. a Jitsi Meet host).
 */
export function securityHeaders(publicUrl: string, sources: ContentSources): RequestHandler {
  const https = new URL(publicUrl).protocol === 'https:';
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", () => sources.list('script-src')],
        'frame-src': ["'self'", () => sources.list('frame-src')],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        // A call recording plays from a blob URL: fetched with the operator's token, which an <audio src> cannot send.
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    strictTransportSecurity: https,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}
