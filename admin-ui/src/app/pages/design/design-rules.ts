import {
  CAPTION_LIMITS,
  HEX_COLOR,
  LOGO_RULES,
  type Lang,
  type WidgetCaptions,
  type WidgetColors,
  type WidgetDesign,
} from '../../../../../widget/src/design';

/**
 * The panel-side checks of a design draft, mirroring the core's (which stay authoritative): they
 * let the page refuse bad input at once, next to the field, before anything is sent.
 */

export type ColorField = keyof WidgetColors;
export type CaptionField = keyof WidgetCaptions;

export const COLOR_FIELDS = Object.keys({
  shell: 0,
  shellText: 0,
  launcher: 0,
  launcherText: 0,
  incoming: 0,
  incomingText: 0,
  outgoing: 0,
  outgoingText: 0,
} satisfies Record<ColorField, 0>) as ColorField[];

export const CAPTION_FIELDS = Object.keys(CAPTION_LIMITS) as CaptionField[];
export const LANGS: readonly Lang[] = ['ru', 'en'];

/** Colour fields whose text is not `#rrggbb`. */
export function invalidColors(colors: WidgetColors): ColorField[] {
  return COLOR_FIELDS.filter((field) => !HEX_COLOR.test(colors[field]));
}

/** Caption fields over their limit, as `lang.field`. */
export function overlongCaptions(captions: Record<Lang, WidgetCaptions>): string[] {
  return LANGS.flatMap((lang) => CAPTION_FIELDS.filter((f) => captions[lang][f].length > CAPTION_LIMITS[f]).map((f) => `${lang}.${f}`));
}

/**
 * What the preview may show of a draft that is being typed: colours still being typed (not yet
 * `#rrggbb`) fall back to the last good ones, so the preview never renders garbage.
 */
export function previewable(draft: WidgetDesign, fallback: WidgetColors): WidgetDesign {
  const colors = { ...draft.colors };
  for (const field of invalidColors(colors)) colors[field] = fallback[field];
  return { ...draft, colors };
}

/** Lower-cased `#rrggbb` for a colour the user typed, accepting a missing `#`; null when it is not one. */
export function normalizeHex(text: string): string | null {
  const trimmed = text.trim();
  const withHash = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  return HEX_COLOR.test(withHash) ? withHash.toLowerCase() : null;
}

export function sameDesign(a: WidgetDesign | null, b: WidgetDesign | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type LogoProblem = 'type' | 'size' | 'empty';

/**
 * The browser-side pre-check of a logo file (type by MIME and extension, size); the core checks
 * the content and the 125×125 minimum.
 */
export function logoProblem(file: File): LogoProblem | null {
  const types: readonly string[] = LOGO_RULES.types;
  if (!types.includes(file.type) || !/\.(jpe?g|png)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > LOGO_RULES.maxBytes) return 'size';
  return null;
}

/** Keeps a scale inside the contract's range, rounded to 5 %. */
export function clampScale(value: number): number {
  if (!Number.isFinite(value)) return 1;
  const rounded = Math.round(value * 20) / 20;
  return Math.min(LOGO_RULES.maxScale, Math.max(LOGO_RULES.minScale, rounded));
}

/** Keeps a launcher position inside the viewport fractions (0..1), rounded to 0.1 %. */
export function clampPosition(position: { x: number; y: number }): { x: number; y: number } {
  const fit = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, Math.round(v * 1000) / 1000)) : 0.5);
  return { x: fit(position.x), y: fit(position.y) };
}
