import type { Core } from '@strapi/strapi';
import type { DiscoveredContentType } from '../content-types';

export default (types: DiscoveredContentType[]) =>
  ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: any) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await strapi.plugin('callpy').service('core-snapshot').build(types);
    },
  });
