import { factories } from '@strapi/strapi';
import { repoRoot } from '../../../lib/paths';
import { discoverContentTypes } from './content-types';
import { createContentApiRouter } from './routes';
import coreUserController from './controllers/core-user';
import coreSnapshotController from './controllers/core-snapshot';
import coreUserService from './services/users';
import coreSnapshotService from './services/snapshot';
import setupService from './services/setup';
import { subscribeContentRules } from './content-rules';

/**
 * The callpy plugin's server part. Called by Strapi's plugin loader while it loads plugins,
 * i.e. before `register`: content types must be known by then.
 */
export function createCallpyServer() {
  const types = discoverContentTypes(repoRoot());

  const contentTypes: Record<string, { schema: Record<string, any> }> = {};
  const controllers: Record<string, any> = {
    'core-user': coreUserController,
    'core-snapshot': coreSnapshotController(types),
  };
  const services: Record<string, any> = {
    'core-user': coreUserService,
    'core-snapshot': coreSnapshotService,
    setup: setupService,
  };
  for (const ct of types) {
    // Strapi's loader mutates the schema (plugin, globalId...): give it its own copy.
    contentTypes[ct.name] = { schema: structuredClone(ct.schema) };
    controllers[ct.name] = factories.createCoreController(ct.uid as any);
    services[ct.name] = factories.createCoreService(ct.uid as any);
  }

  return {
    register() {},
    bootstrap({ strapi }: { strapi: any }) {
      subscribeContentRules(strapi);
    },
    contentTypes,
    controllers,
    services,
    routes: { 'content-api': createContentApiRouter(types) },
  };
}
