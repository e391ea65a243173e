import type { Context } from 'koa';

/**
 * CORS for the CMS's own origin only: its admin panel is served from it, and the core calls
 * server to server (no CORS). Strapi's default answers every origin with credentials allowed.
 * The own origin is the one the request came to (`CMS_PROXY` makes it honour the proxy's
 * headers), plus CMS_PUBLIC_URL's when it is set.
 */
const ownOrigins = (ctx: Context): string[] => {
  const publicUrl = process.env.CMS_PUBLIC_URL;
  return [ctx.origin, ...(publicUrl ? [new URL(publicUrl).origin] : [])];
};

export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  { name: 'strapi::cors', config: { origin: ownOrigins } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
