import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * Co-browsing's panel part (E1, E3): «Наблюдать» in the dialog toolbar, the observation view over
 * every page (a FLOATING_WINDOWS entry), and the site's settings tab «Наблюдение».
 */
export default definePanelPlugin({
  id: 'cobrowse',
  background: () => import('./cobrowse-background').then((m) => m.cobrowseBackground),
  siteSettings: [{ path: 'cobrowse', label: { ru: 'Наблюдение', en: 'Co-browsing' }, component: () => import('./cobrowse-settings.page').then((m) => m.CobrowseSettingsPage) }],
  slots: () => import('./cobrowse-slots').then((m) => m.cobrowseSlots),
});
