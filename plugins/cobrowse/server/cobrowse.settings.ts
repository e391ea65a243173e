import { parse as parseSelector } from 'css-what';
import { z } from 'zod';
import type { PluginSettingsSpec } from '../../../core/src/index.js';

const SELECTORS_MAX = 30;
const SELECTOR_MAX = 300;

export const COBROWSE_SETTING_MESSAGES = {
  'cobrowse.selector': { ru: 'Введите CSS-селектор, например .card-number или #secret', en: 'Enter a CSS selector, e.g. .card-number or #secret' },
  'cobrowse.selectorLong': { ru: `Селектор — не длиннее ${SELECTOR_MAX} символов`, en: `A selector has at most ${SELECTOR_MAX} characters` },
  'cobrowse.selectorInvalid': { ru: 'Селектор не разбирается как CSS: проверьте скобки и кавычки', en: 'The selector is not valid CSS: check its brackets and quotes' },
  'cobrowse.tooMany': { ru: `Не больше ${SELECTORS_MAX} селекторов`, en: `At most ${SELECTORS_MAX} selectors` },
} as const;
const m = (key: keyof typeof COBROWSE_SETTING_MESSAGES) => ({ message: key });

/** Whether a selector parses as CSS (css-what: the grammar `querySelector` and rrweb's `matches` read). */
function parsesAsCss(selector: string): boolean {
  try {
    parseSelector(selector);
    return true;
  } catch {
    return false;
  }
}

const selector = z
  .string(m('cobrowse.selector'))
  .trim()
  .min(1, m('cobrowse.selector'))
  .max(SELECTOR_MAX, m('cobrowse.selectorLong'))
  .refine(parsesAsCss, m('cobrowse.selectorInvalid'));
const selectors = z.array(selector).max(SELECTORS_MAX, m('cobrowse.tooMany')).default([]);

/**
 * A site's co-browsing settings. Every input is masked whatever these say and password fields are
 * blocked; `mask` masks the text of more elements, `block` leaves elements out of the recording
 * (a grey box of their size), `unmask` shows the values of chosen fields (never a password's).
 */
export const cobrowseSiteSchema = z.object({
  askConsent: z.boolean().default(true),
  mask: selectors,
  block: selectors,
  unmask: selectors,
});
export type CobrowseSiteSettings = z.output<typeof cobrowseSiteSchema>;

/** `settings` of the manifest; the widget gets the selectors (the server decides whether to ask). */
export const cobrowseSettings = {
  site: cobrowseSiteSchema,
  widget: ({ mask, block, unmask }: CobrowseSiteSettings) => ({ mask, block, unmask }),
  messages: COBROWSE_SETTING_MESSAGES,
} satisfies PluginSettingsSpec<typeof cobrowseSiteSchema>;
export type CobrowseSettingsSpec = typeof cobrowseSettings;
