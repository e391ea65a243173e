import { CAPTION_LIMITS, DEFAULT_DESIGN, HEX_COLOR, LOGO_RULES, type WidgetCaptions, type WidgetColors, type WidgetDesign } from './design.js';

const STYLES = new Set(['standard', 'branded', 'side']);
const fraction = (v: unknown, fallback: number) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : fallback);
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * A design that came from outside the core's checks — the preview's `postMessage`, a form being
 * typed into — made safe to render: what is not a valid part falls back to the default, field by
 * field (a half-typed `#12` keeps the last good colour's default rather than breaking the preview).
 */
export function sanitizeDesign(input: unknown): WidgetDesign {
  const d = (input && typeof input === 'object' ? input : {}) as Partial<Record<keyof WidgetDesign, Record<string, unknown> | string | null>>;
  const def = DEFAULT_DESIGN;
  const colorsIn = (d.colors ?? {}) as Record<string, unknown>;
  const colors = {} as WidgetColors;
  for (const k of Object.keys(def.colors) as (keyof WidgetColors)[]) {
    const c = colorsIn[k];
    colors[k] = typeof c === 'string' && HEX_COLOR.test(c) ? c : def.colors[k];
  }
  const captionsIn = (d.captions ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const captions = (lang: 'ru' | 'en') => {
    const out = {} as WidgetCaptions;
    for (const k of Object.keys(CAPTION_LIMITS) as (keyof WidgetCaptions)[]) out[k] = text(captionsIn[lang]?.[k], CAPTION_LIMITS[k]);
    return out;
  };
  const position = (d.position ?? {}) as Record<string, unknown>;
  const logo = d.logo as { url?: unknown; scale?: unknown } | null | undefined;
  const scale = typeof logo?.scale === 'number' && Number.isFinite(logo.scale) ? Math.min(LOGO_RULES.maxScale, Math.max(LOGO_RULES.minScale, logo.scale)) : 1;
  return {
    style: typeof d.style === 'string' && STYLES.has(d.style) ? (d.style as WidgetDesign['style']) : def.style,
    position: { x: fraction(position.x, def.position.x), y: fraction(position.y, def.position.y) },
    colors,
    logo: logo && typeof logo.url === 'string' && logo.url ? { url: logo.url, scale } : null,
    captions: { ru: captions('ru'), en: captions('en') },
  };
}
