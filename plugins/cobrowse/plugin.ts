import { definePlugin } from '../../core/src/index.js';
import { chatServiceRef } from '../chat/shared/chat.services.js';
import { cobrowseOptions } from './server/cobrowse.options.js';
import { cobrowseSettings, type CobrowseSettingsSpec } from './server/cobrowse.settings.js';
import { registerCobrowseSockets } from './server/cobrowse.sockets.js';
import { CobrowseSessions } from './server/sessions.js';

/**
 * E1, E3 (issue 12, stage 1): the operator observes the visitor's page live (rrweb), with the
 * visitor's consent unless the site switched it off, inputs masked and passwords blocked in the
 * visitor's browser; the visitor's cursor, trail and clicks. The wire contract is
 * `shared/cobrowse.protocol.ts`; how it works, and its options: docs/cobrowse.md.
 */
export default definePlugin<typeof cobrowseOptions, Record<string, never>, CobrowseSettingsSpec>({
  id: 'cobrowse',
  title: { ru: 'Наблюдение', en: 'Co-browsing' },
  dependsOn: ['chat'],
  options: cobrowseOptions,
  settings: cobrowseSettings,
  setup(ctx) {
    const sessions = new CobrowseSessions(ctx, ctx.services.get(chatServiceRef), ctx.realtime.namespace);
    registerCobrowseSockets(ctx, sessions);
    return { stop: () => sessions.stopAll() };
  },
});
