import type { Type } from '@angular/core';

/**
 * Lazy page loaders of plugins' admin parts, by plugin id. A plugin adds an entry such as
 * `chat: () => import('../../../../plugins/chat/admin/chat.page').then((m) => m.ChatPage)`;
 * the route `/p/:pluginId` then renders it inside the shell. Plugins without an entry show a
 * "not available yet" placeholder.
 */
export const PLUGIN_PAGES: Readonly<Record<string, () => Promise<Type<unknown>>>> = {
  chat: () => import('../../../../plugins/chat/admin/chat.page').then((m) => m.ChatPage),
};
