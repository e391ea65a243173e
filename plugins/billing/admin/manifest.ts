import { definePanelPlugin } from '../../../admin-ui/src/app/plugin-api';

/**
 * Billing's panel part (A9): the admin's «Оплата» page, a word on any page when the licence ends
 * soon, and the agency console's «Тарифы», «Реквизиты» and «Счета» for agency staff.
 */
export default definePanelPlugin({
  id: 'billing',
  background: () => import('./billing-background').then((m) => m.billingBackground),
  pages: [{ path: 'billing', icon: 'bolt', label: { ru: 'Оплата', en: 'Billing' }, adminOnly: true, component: () => import('./billing.page').then((m) => m.BillingPage) }],
  agencyPages: [
    { path: 'plans', icon: 'layers', label: { ru: 'Тарифы', en: 'Plans' }, component: () => import('./agency-plans.page').then((m) => m.AgencyPlansPage) },
    { path: 'requisites', icon: 'pencil', label: { ru: 'Реквизиты', en: 'Requisites' }, component: () => import('./agency-requisites.page').then((m) => m.AgencyRequisitesPage) },
    { path: 'invoices', icon: 'bolt', label: { ru: 'Счета', en: 'Invoices' }, component: () => import('./agency-invoices.page').then((m) => m.AgencyInvoicesPage) },
  ],
});
