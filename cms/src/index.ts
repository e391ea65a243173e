import type { Core } from '@strapi/strapi';

export default {
  register() {},

  /**
   * Seeds the API token, webhook, roles and users-permissions settings (idempotent).
   * Runs here rather than in the callpy plugin's bootstrap because the app bootstrap is
   * the only hook guaranteed to run after users-permissions' own bootstrap.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('callpy').service('setup').run();
  },
};
