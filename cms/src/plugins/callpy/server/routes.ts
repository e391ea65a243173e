import { factories } from '@strapi/strapi';
import type { DiscoveredContentType } from './content-types';

/**
 * Every callpy route is content-API and accepts ONLY API tokens: not the public role, not a
 * users-permissions JWT, whatever someone grants in the admin panel. Browsers never call
 * Strapi; the core does, with its pre-shared full-access token.
 *
 * Strapi 5.x calls the strategy "content-api-token" (earlier 5.x: "api-token"); unknown
 * names are ignored by Strapi's authenticator, so listing both keeps this version-proof.
 */
export const TOKEN_ONLY = { auth: { strategies: ['content-api-token', 'api-token'] } } as any;

const CRUD_ACTIONS = ['find', 'findOne', 'create', 'update', 'delete'] as const;

export function createContentApiRouter(types: DiscoveredContentType[]) {
  let routes: any[] | undefined;
  return {
    type: 'content-api',
    // Built lazily: Strapi's core router reads the registered content types.
    get routes() {
      if (!routes) {
        routes = [
          { method: 'GET', path: '/snapshot', handler: 'core-snapshot.find', config: TOKEN_ONLY },
          { method: 'POST', path: '/users/verify-password', handler: 'core-user.verifyPassword', config: TOKEN_ONLY },
          { method: 'POST', path: '/users', handler: 'core-user.create', config: TOKEN_ONLY },
          { method: 'PUT', path: '/users/:id', handler: 'core-user.update', config: TOKEN_ONLY },
          { method: 'DELETE', path: '/users/:id', handler: 'core-user.delete', config: TOKEN_ONLY },
        ];
        for (const ct of types) {
          const config = Object.fromEntries(CRUD_ACTIONS.map((a) => [a, TOKEN_ONLY]));
          // GET /<plural>, GET /<plural>/:id (documentId), POST, PUT /:id, DELETE /:id,
          // with Strapi's own query validation (filters, pagination, sort, populate, fields).
          const router: any = factories.createCoreRouter(ct.uid as any, { config } as any);
          routes.push(...router.routes);
        }
      }
      return routes;
    },
  };
}
