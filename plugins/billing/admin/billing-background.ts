import { inject } from '@angular/core';
import { AuthService, type PluginBackground, ToastService } from '../../../admin-ui/src/app/plugin-api';
import { BillingApi } from './billing-api.service';
import { registerBillingStrings } from './billing-i18n';

/**
 * On every page while billing is on: an admin whose licence ends soon or has ended is told once
 * per session, wherever they are (the «Оплата» page says it at length).
 */
export const billingBackground: PluginBackground = {
  providers: [BillingApi],
  start: () => {
    registerBillingStrings();
    const auth = inject(AuthService);
    if (auth.user()?.role !== 'admin') return;
    const toasts = inject(ToastService);
    inject(BillingApi)
      .state()
      .then(({ licence }) => {
        if (licence.expired) toasts.show('info', 'billing.notice.toastExpired', undefined, 10_000);
        else if (licence.expiresSoon) toasts.show('info', 'billing.notice.toastSoon', { days: licence.daysLeft }, 10_000);
      })
      .catch(() => undefined);
  },
};
