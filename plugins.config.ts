import { definePluginsConfig } from './core/src/index.js';

/**
 * Which plugins and integrations this installation runs, with their options. Each key is a
 * folder under plugins/ or integrations/; options are checked against the plugin's schema at
 * start. Which of them an account gets is switched per account in the CMS (plugin enablements).
 */
export default definePluginsConfig({
  plugins: {
    chat: {},
    goals: {},
  },
});
