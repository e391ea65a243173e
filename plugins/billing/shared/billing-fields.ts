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
  'billing.planSeats': { ru: 'Операторов — целое число от 1 до 10 000', en: 'Operators: a whole number from 1 to 10,000' },
  'billing.enterpriseSeats': { ru: 'В Enterprise операторов должно быть больше, чем в PRO', en: 'Enterprise must allow more operators than PRO' },
  'billing.price': { ru: 'Цена — от 0 до 1 000 000 ₽, не точнее копейки', en: 'The price is 0 to 1,000,000 ₽, to the kopeck' },
  'billing.plugins': { ru: 'Выберите плагины из списка', en: 'Choose plugins from the list' },
  'billing.periods': { ru: 'Периодов оплаты — от 1 до 12', en: 'From 1 to 12 payment periods' },
  'billing.periodMonths': { ru: 'Месяцев — целое число от 1 до 120', en: 'Months: a whole number from 1 to 120' },
  'billing.periodTwice': { ru: 'Такой период уже есть', en: 'This period is listed already' },
  'billing.discount': { ru: 'Скидка — целое число от 0 до 90 %', en: 'The discount is a whole number from 0 to 90 %' },
  'billing.noticeDays': { ru: 'Дней — целое число от 0 до 60', en: 'Days: a whole number from 0 to 60' },
  'billing.max200': { ru: 'Не больше 200 символов', en: 'At most 200 characters' },
  'billing.max300': { ru: 'Не больше 300 символов', en: 'At most 300 characters' },
  'billing.bik': { ru: 'БИК — 9 цифр', en: 'BIK is 9 digits' },
  'billing.bankAccount': { ru: 'Номер счёта — 20 цифр', en: 'An account number is 20 digits' },
} as const satisfies Record<string, Localized>;

export type BillingFieldText = keyof typeof BILLING_FIELD_TEXTS;
