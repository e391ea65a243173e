import { registerPluginStrings } from '../../../admin-ui/src/app/plugin-api';
import { BILLING_ERROR_CODES } from '../shared/billing-error-codes';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

const codes = (locale: 'ru' | 'en') => Object.fromEntries(Object.entries(BILLING_ERROR_CODES).map(([code, words]) => [code, words[locale]]));

/** Adds the billing plugin's strings (under `billing.`), its error codes' words among them (`billing.errors.codes.*`). */
export function registerBillingStrings(): void {
  registerPluginStrings({
    ru: { billing: { ...ru.billing, errors: { codes: codes('ru') } } },
    en: { billing: { ...en.billing, errors: { codes: codes('en') } } },
  });
}

/** An error box's key: the plugin's own code, else the panel's words for the core's. */
export function billingErrorKey(code: string, fallback: string): string {
  return code in BILLING_ERROR_CODES ? `billing.errors.codes.${code}` : fallback;
}
