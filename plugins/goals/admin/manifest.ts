import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * Goals' panel part (G1): its settings page under Sites → Settings → «Цели», the background that
 * receives reached goals on any page, and its marks in the chat workplace. No page of its own.
 */
export default definePanelPlugin({
  id: 'goals',
  background: () => import('./goals-background').then((m) => m.goalsBackground),
  siteSettings: [{ path: 'goals', label: { ru: 'Цели', en: 'Goals' }, component: () => import('./goals-settings.page').then((m) => m.GoalsSettingsPage) }],
  slots: () => import('./goals-slots').then((m) => m.goalsSlots),
});
