/** Both languages' words (the core's Localized; no import: the panel loads this file). */
type Localized = { ru: string; en: string };

/**
 * Every `error.code` the billing plugin itself sends (besides the core's), with its words; the
 * panel shows these. core/test/unit/error-codes.test.ts fails when the server sends a code missing here.
 */
export const BILLING_ERROR_CODES = {
  payer_type_fixed: {
    ru: 'Вариант оплаты выбирается один раз: для этого аккаунта уже выбран другой',
    en: 'The payer type is chosen once: this account has chosen the other one',
  },
  plan_not_offered: { ru: 'Такого тарифа нет в списке', en: 'There is no such plan in the list' },
  period_not_offered: { ru: 'Такого периода оплаты нет в списке', en: 'There is no such period in the list' },
  seats_out_of_plan: { ru: 'Число консультантов не подходит к тарифу', en: 'The number of operators does not fit the plan' },
  payments_unavailable: {
    ru: 'Онлайн-оплата сейчас недоступна: попробуйте позже или оплатите по счёту',
    en: 'Online payment is not available now: try later or pay by invoice',
  },
  payment_provider_failed: {
    ru: 'Платёжная система не ответила: попробуйте ещё раз',
    en: 'The payment provider did not answer: try again',
  },
  order_not_pending: { ru: 'Этот счёт уже оплачен или отменён', en: 'This invoice is paid or cancelled already' },
  webhook_refused: { ru: 'Уведомление о платеже не подтвердилось', en: 'The payment notification could not be verified' },
} as const satisfies Record<string, Localized>;

export type BillingErrorCode = keyof typeof BILLING_ERROR_CODES;
