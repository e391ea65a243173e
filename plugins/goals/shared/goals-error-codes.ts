import type { Localized } from '../../../core/src/index.js';

/**
 * Every `error.code` the goals plugin itself sends (besides the core's), with its words. Hits are
 * refused to the widget, which shows visitors nothing of them; the panel shows these.
 * core/test/unit/error-codes.test.ts fails when the server sends a code missing here.
 */
export const GOALS_ERROR_CODES = {
  unknown_goal: { ru: 'На этом сайте нет такой цели', en: 'This site has no such goal' },
  goal_not_reached: { ru: 'Адрес страницы не подходит под цель', en: "The page's address does not match the goal" },
} as const satisfies Record<string, Localized>;

export type GoalsErrorCode = keyof typeof GOALS_ERROR_CODES;
