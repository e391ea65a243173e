import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * The chat's panel part: its workplace at /p/chat, the background that keeps the operator online,
 * its site settings under Sites → Settings → «Чат» (H6 offline form, C20 notifications), and its
 * team pages in the main navigation: departments (A5, admins) and working hours (A6, everyone).
 */
export default definePanelPlugin({
  id: 'chat',
  page: () => import('./workplace/chat.page').then((m) => m.ChatPage),
  background: () => import('./background/chat-background').then((m) => m.chatBackground),
  nav: { icon: 'message', label: { ru: 'Чат', en: 'Chat' }, badge: 'unread' },
  siteSettings: [{ path: 'chat', label: { ru: 'Чат', en: 'Chat' }, component: () => import('./site-settings/chat-settings.page').then((m) => m.ChatSettingsPage) }],
  pages: [
    { path: 'departments', icon: 'layers', label: { ru: 'Отделы', en: 'Departments' }, adminOnly: true, component: () => import('./departments/departments.page').then((m) => m.DepartmentsPage) },
    { path: 'schedules', icon: 'clock', label: { ru: 'График работы', en: 'Working hours' }, component: () => import('./schedules/schedules.page').then((m) => m.SchedulesPage) },
  ],
});
