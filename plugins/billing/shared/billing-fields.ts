/** Both languages' words (the core's Localized; no import: the panel loads this file). */
type Localized = { ru: string; en: string };

/**
 * Words for the server's field messages (a request's zod issues), in both languages: the server
 * answers `fields` in the request's language, the panel places them beside their fields.
 */
export const BILLING_FIELD_TEXTS = {
  'billing.plan': { ru: 'Выберите тариф из списка', en: 'Choose a plan from the list' },
  'billing.seats': { ru: 'Число консультантов — целое, от 1', en: 'The number of operators is a whole number from 1' },
  'billing.months': { ru: 'Выберите период из списка', en: 'Choose a period from the list' },
  'billing.payerType': { ru: 'Выберите: юридическое или физическое лицо', en: 'Choose: company or person' },
  'billing.name': { ru: 'Укажите название или имя (до 200 символов)', en: 'Enter the name (at most 200 characters)' },
  'billing.inn': { ru: 'ИНН — 10 цифр (организация) или 12 (ИП) с верной контрольной суммой', en: 'INN is 10 digits (an organisation) or 12 (a sole proprietor) with valid check digits' },
  'billing.kpp': { ru: 'КПП — 9 знаков; нужен организации (ИНН из 10 цифр), у ИП его нет', en: 'KPP is 9 characters; an organisation (10-digit INN) has one, a sole proprietor has none' },
  'billing.address': { ru: 'Укажите юридический адрес (до 300 символов)', en: 'Enter the legal address (at most 300 characters)' },
  'billing.email': { ru: 'Укажите верный адрес электронной почты', en: 'Enter a valid e-mail address' },
  'billing.date': { ru: 'Дата в формате ISO 8601', en: 'A date in ISO 8601' },
  'billing.planSet': { ru: 'Тарифы заполнены неверно', en: 'The plans are not filled in correctly' },
} as const satisfies Record<string, Localized>;

export type BillingFieldText = keyof typeof BILLING_FIELD_TEXTS;
