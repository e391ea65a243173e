import { parse as parseSelector } from 'css-what';
import { z } from 'zod';
import type { Localized } from '../../../core/src/index.js';
import { EVENT_NAME, GOAL_NAME_MAX, GOALS_PER_SITE, PATTERN_MAX, SELECTOR_MAX, type Goal, type GoalsSiteSettings } from '../shared/goals.protocol.js';

/**
 * The words of every refusal of a goal, by key: the schemas below name keys as their messages and
 * `ctx.settings` answers each in the request's language (manifest `settings.messages`).
 */
export const GOAL_MESSAGES = {
  'goals.list': { ru: 'Список целей', en: 'A list of goals' },
  'goals.tooMany': { ru: `Не больше ${GOALS_PER_SITE} целей на сайт`, en: `At most ${GOALS_PER_SITE} goals per site` },
  'goals.id': { ru: 'Неверный идентификатор цели', en: 'Invalid goal id' },
  'goals.idTaken': { ru: 'Две цели с одним идентификатором', en: 'Two goals have the same id' },
  'goals.name': { ru: `Название — от 1 до ${GOAL_NAME_MAX} символов`, en: `A name has 1 to ${GOAL_NAME_MAX} characters` },
  'goals.type': { ru: 'Тип цели: клик, адрес, форма или событие', en: 'A goal type is click, url, form or event' },
  'goals.selector': { ru: 'Введите CSS-селектор, например #buy или .cart button', en: 'Enter a CSS selector, e.g. #buy or .cart button' },
  'goals.selectorLong': { ru: `Селектор — не длиннее ${SELECTOR_MAX} символов`, en: `A selector has at most ${SELECTOR_MAX} characters` },
  'goals.selectorInvalid': { ru: 'Селектор не разбирается как CSS: проверьте скобки и кавычки', en: 'The selector is not valid CSS: check its brackets and quotes' },
  'goals.match': { ru: 'Сравнение: точно, начало адреса или шаблон со *', en: 'Matching is exact, prefix or wildcard' },
  'goals.pattern': { ru: `Адрес или шаблон — от 1 до ${PATTERN_MAX} символов без пробелов`, en: `An address or pattern has 1 to ${PATTERN_MAX} characters and no spaces` },
  'goals.event': { ru: 'Имя события — до 64 латинских букв, цифр и знаков _ . : -', en: 'An event name has up to 64 Latin letters, digits and _ . : -' },
} as const satisfies Record<string, Localized>;

type MessageKey = keyof typeof GOAL_MESSAGES;
const m = (key: MessageKey) => ({ error: key });

/** Whether a selector parses as CSS (css-what: the grammar `querySelector` reads). */
function parsesAsCss(selector: string): boolean {
  try {
    parseSelector(selector);
    return true;
  } catch {
    return false;
  }
}

const selector = z
  .string(m('goals.selector'))
  .trim()
  .min(1, m('goals.selector'))
  .max(SELECTOR_MAX, m('goals.selectorLong'))
  .refine(parsesAsCss, m('goals.selectorInvalid'));

const common = {
  // The panel makes ids (a UUID); a hit names one, so it is short and safe in a URL.
  id: z.string(m('goals.id')).regex(/^[A-Za-z0-9_-]{1,64}$/, m('goals.id')),
  name: z.string(m('goals.name')).trim().min(1, m('goals.name')).max(GOAL_NAME_MAX, m('goals.name')),
};

export const goalSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...common, type: z.literal('click'), selector }),
    z.object({ ...common, type: z.literal('form'), selector }),
    z.object({
      ...common,
      type: z.literal('url'),
      match: z.enum(['exact', 'prefix', 'wildcard'], m('goals.match')),
      pattern: z.string(m('goals.pattern')).min(1, m('goals.pattern')).max(PATTERN_MAX, m('goals.pattern')).regex(/^\S+$/, m('goals.pattern')),
    }),
    z.object({ ...common, type: z.literal('event'), event: z.string(m('goals.event')).regex(EVENT_NAME, m('goals.event')) }),
  ],
  m('goals.type'),
) satisfies z.ZodType<Goal>;

/** The plugin's per-site settings (`settings.site`): `{}` is a site without goals. */
export const goalsSiteSchema = z
  .object({
    goals: z.array(goalSchema, m('goals.list')).max(GOALS_PER_SITE, m('goals.tooMany')).default([]),
  })
  .superRefine(({ goals }, ctx) => {
    // A hit names its goal by id: two goals with one id could not be told apart.
    const seen = new Set<string>();
    goals.forEach((goal, index) => {
      if (seen.has(goal.id)) ctx.addIssue({ code: 'custom', path: ['goals', index, 'id'], message: 'goals.idTaken' satisfies MessageKey });
      seen.add(goal.id);
    });
  }) satisfies z.ZodType<GoalsSiteSettings>;
