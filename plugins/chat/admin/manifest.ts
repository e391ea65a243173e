import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * The chat's panel part: its workplace at /p/chat, the background that keeps the operator online,
 * and its site settings under Sites → Settings → «Чат» (H6 offline form, C20 notifications).
 */
export default definePanelPlugin({
  id: 'chat',
  page: () => import('./workplace/chat.page').then((m) => m.ChatPage),
  background: () => import('./background/chat-background').then((m) => m.chatBackground),
  nav: { icon: 'message', label: { ru: 'Чат', en: 'Chat' }, badge: 'unread' },
  siteSettings: [{ path: 'chat', label: { ru: 'Чат', en: 'Chat' }, component: () => import('./site-settings/chat-settings.page').then((m) => m.ChatSettingsPage) }],
});
