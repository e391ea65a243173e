/** The widget's words for co-browsing, in the site's language. */
export const WORDS = {
  ru: {
    askTitle: 'Оператор хочет видеть вашу страницу',
    askText: 'Он увидит эту страницу сайта, прокрутку и курсор. Введённые данные скрыты, пароли не передаются.',
    allow: 'Разрешить',
    refuse: 'Отказать',
    observed: 'Оператор видит эту страницу',
    stop: 'Остановить',
  },
  en: {
    askTitle: 'The operator would like to see your page',
    askText: 'They will see this page of the site, its scrolling and your cursor. What you type is hidden; passwords are never sent.',
    allow: 'Allow',
    refuse: 'Refuse',
    observed: 'The operator sees this page',
    stop: 'Stop',
  },
} as const;
export type CobrowseWords = (typeof WORDS)['ru' | 'en'];
