import { z } from 'zod';
import { PINNABLE_ACTIONS, PLUGIN_ACTION_ID, PLUGIN_NOTIFY_KIND, PLUGIN_NOTIFY_MAX, type PluginActionId, QUICK_ACTIONS_MAX } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import type { PreferencesService } from './preferences.service.js';

/** The chat's own actions, or a plugin's `<pluginId>.<actionId>` (C17 for plugins' toolbar actions). */
const pluginAction = z.custom<PluginActionId>((id) => typeof id === 'string' && PLUGIN_ACTION_ID.test(id), 'Not an action id');
const quickActions = z
  .array(z.union([z.enum(PINNABLE_ACTIONS), pluginAction]))
  .max(QUICK_ACTIONS_MAX)
  .refine((ids) => new Set(ids).size === ids.length, 'Each action can be pinned once');
const notify = z.strictObject({ visitor: z.boolean(), dialog: z.boolean(), message: z.boolean(), sound: z.boolean() });
/** The whole map of plugins' kinds (C20 for NOTIFICATION_KINDS), as the panel keeps it. */
const pluginNotify = z
  .record(z.string().regex(PLUGIN_NOTIFY_KIND, 'Not a notification kind'), z.boolean())
  .refine((kinds) => Object.keys(kinds).length <= PLUGIN_NOTIFY_MAX, `At most ${PLUGIN_NOTIFY_MAX} kinds`);

/**
 * The operator's own settings on /chat (C17, C20). Strict schemas: there is no field naming another
 * operator, and one sent anyway is refused rather than ignored.
 */
export function registerPreferencesSockets(ctx: ChatContext, preferences: PreferencesService): void {
  const user = { from: 'user' } as const;

  ctx.realtime.on('preferences.get', z.strictObject({}), (_p, _socket, u) => preferences.get(u.accountId, u.userId), { ...user, reads: true });
  ctx.realtime.on(
    'preferences.save',
    z
      .strictObject({ quickActions: quickActions.optional(), notify: notify.optional(), pluginNotify: pluginNotify.optional() })
      .refine((p) => p.quickActions || p.notify || p.pluginNotify, 'Give quickActions, notify or pluginNotify'),
    async (changes, socket, u) => {
      const saved = await preferences.save(u.accountId, u.userId, changes);
      // The operator's other panels (other tabs, browsers, core processes) follow at once.
      socket.to(`user:${u.userId}`).emit('preferences.changed', saved);
      return saved;
    },
    user,
  );
}
