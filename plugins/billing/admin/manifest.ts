import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/** Billing's panel part (A9): the admin's «Оплата» page, and a word on any page when the licence ends soon. */
export default definePanelPlugin({
  id: 'billing',
  background: () => import('./billing-background').then((m) => m.billingBackground),
  pages: [{ path: 'billing', icon: 'bolt', label: { ru: 'Оплата', en: 'Billing' }, adminOnly: true, component: () => import('./billing.page').then((m) => m.BillingPage) }],
});
