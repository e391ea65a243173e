import type { Provider, Type } from '@angular/core';

/**
 * Lazy page loaders of plugins' admin parts, by plugin id. A plugin adds an entry such as
 * `chat: () => import('../../../../plugins/chat/admin/chat.page').then((m) => m.ChatPage)`;
 * the route `/p/:pluginId` then renders it inside the shell. Plugins without an entry show a
 * "not available yet" placeholder.
 */
export const PLUGIN_PAGES: Readonly<Record<string, () => Promise<Type<unknown>>>> = {
  chat: () => import('../../../../plugins/chat/admin/chat.page').then((m) => m.ChatPage),
};

/**
 * What a plugin runs for the whole signed-in session, whatever page is open: a connection that
 * keeps the operator reachable, sounds, notifications. The shell makes one injector of
 * `providers` per enabled plugin and calls `start` in it; the plugin's page is created under that
 * injector, so page and background share the same services.
 */
export interface PluginBackground {
  readonly providers: Provider[];
  /** Runs once, in the background's injection context (`inject`, `effect` work). */
  readonly start: () => void;
}

/** Lazy loaders of plugins' background parts, by plugin id (see PluginBackground). */
export const PLUGIN_BACKGROUNDS: Readonly<Record<string, () => Promise<PluginBackground>>> = {
  chat: () => import('../../../../plugins/chat/admin/chat-background').then((m) => m.chatBackground),
};
