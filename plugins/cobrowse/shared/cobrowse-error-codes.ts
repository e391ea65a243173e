/** The core's `Localized`, spelt out: the panel and the widget import this file without the core's types. */
type Localized = { ru: string; en: string };

/**
 * Every `error.code` co-browsing sends (besides the core's `validation_failed`, `rate_limited`,
 * `not_found`…), with its words. core/test/unit/error-codes.test.ts fails when one is missing here.
 */
export const COBROWSE_ERROR_CODES = {
  cobrowse_not_found: { ru: 'Наблюдение не найдено или уже завершено', en: 'No such observation, or it has ended' },
  cobrowse_dialog_not_found: { ru: 'Диалог не найден', en: 'No such dialog' },
  cobrowse_visitor_offline: { ru: 'Посетитель сейчас не на сайте: наблюдать можно, пока его страница открыта', en: 'The visitor is not on the site now: observation needs their page open' },
  cobrowse_not_live: { ru: 'Посетитель ещё не разрешил наблюдение', en: 'The visitor has not allowed observation yet' },
  cobrowse_frame_too_large: { ru: 'Слишком большой пакет записи страницы', en: 'The page recording batch is too large' },
  cobrowse_frame_invalid: { ru: 'Пакет записи страницы повреждён', en: 'The page recording batch is damaged' },
} as const satisfies Record<string, Localized>;

export type CobrowseErrorCode = keyof typeof COBROWSE_ERROR_CODES;
