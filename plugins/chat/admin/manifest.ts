import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/** The chat's panel part: its workplace at /p/chat and the background that keeps the operator online. */
export default definePanelPlugin({
  id: 'chat',
  page: () => import('./workplace/chat.page').then((m) => m.ChatPage),
  background: () => import('./background/chat-background').then((m) => m.chatBackground),
  nav: { icon: 'message', label: { ru: 'Чат', en: 'Chat' }, badge: 'unread' },
});
