import { z } from 'zod';
import type { WidgetDesignRecord } from '../content/content.types.js';
import {
  CAPTION_LIMITS,
  DEFAULT_DESIGN,
  HEX_COLOR,
  LOGO_RULES,
  type WidgetCaptions,
  type WidgetColors,
  type WidgetDesign,
} from '../../../widget/src/design.js';

/**
 * B3–B8 on the server: what a save must be (strict, a message per field), and how a stored record
 * becomes a design (lenient: a record edited by hand in the CMS admin falls back field by field to
 * the defaults instead of breaking every widget of the site).
 */

/** `#GGG is not a colour: use #RRGGBB`; stored lower-case. */
const hexColor = z
  .string({ error: 'Enter a colour as #RRGGBB' })
  .trim()
  .superRefine((value, ctx) => {
    if (!HEX_COLOR.test(value)) ctx.addIssue({ code: 'custom', message: `${value.slice(0, 20) || 'An empty value'} is not a colour: use #RRGGBB` });
  })
  .transform((v) => v.toLowerCase());

const colorKeys = Object.keys(DEFAULT_DESIGN.colors) as (keyof WidgetColors)[];
const captionKeys = Object.keys(CAPTION_LIMITS) as (keyof WidgetCaptions)[];

const colorsBody = z.strictObject(Object.fromEntries(colorKeys.map((k) => [k, hexColor])) as Record<keyof WidgetColors, typeof hexColor>);

const caption = (max: number) => z.string({ error: 'Enter text' }).trim().max(max, `At most ${max} characters`).default('');
const captionsOfLanguage = z.strictObject(
  Object.fromEntries(captionKeys.map((k) => [k, caption(CAPTION_LIMITS[k])])) as Record<keyof WidgetCaptions, ReturnType<typeof caption>>,
);

const fraction = z.number({ error: 'Enter a number from 0 to 1' }).min(0, 'At least 0').max(1, 'At most 1');
const scale = z
  .number({ error: `Enter a scale from ${LOGO_RULES.minScale} to ${LOGO_RULES.maxScale}` })
  .min(LOGO_RULES.minScale, `At least ${LOGO_RULES.minScale}`)
  .max(LOGO_RULES.maxScale, `At most ${LOGO_RULES.maxScale}`);

/** PUT /api/sites/:id/design: the whole design; the logo file itself changes through its own routes. */
export const designBody = z.strictObject({
  style: z.enum(['standard', 'branded', 'side'], { error: 'Choose Standard, Branded or Side' }),
  position: z.strictObject({ x: fraction, y: fraction }),
  colors: colorsBody,
  captions: z.strictObject({ ru: captionsOfLanguage, en: captionsOfLanguage }),
  // `url` is what GET gave; it is ignored (sent back as is by a form that round-trips the design).
  logo: z.strictObject({ scale, url: z.string().max(2000).optional() }).nullable().optional(),
});
export type DesignBody = z.output<typeof designBody>;

const storedColors = z.object(Object.fromEntries(colorKeys.map((k) => [k, hexColor.catch(DEFAULT_DESIGN.colors[k])])) as Record<keyof WidgetColors, z.ZodCatch<typeof hexColor>>);
const storedCaptions = z.object(
  Object.fromEntries(captionKeys.map((k) => [k, z.string().max(CAPTION_LIMITS[k]).catch('')])) as Record<keyof WidgetCaptions, z.ZodCatch<z.ZodString>>,
);
const emptyCaptions = DEFAULT_DESIGN.captions.ru;
const stored = z.object({
  style: z.enum(['standard', 'branded', 'side']).catch(DEFAULT_DESIGN.style),
  position: z.object({ x: fraction, y: fraction }).catch(DEFAULT_DESIGN.position),
  colors: storedColors.catch(DEFAULT_DESIGN.colors),
  captions: z.object({ ru: storedCaptions.catch(emptyCaptions), en: storedCaptions.catch(emptyCaptions) }).catch(DEFAULT_DESIGN.captions),
  logoScale: z.coerce.number().pipe(scale).catch(1),
});

/** The design a record stands for; `logoUrl` is where browsers get its logo (the core serves it). */
export function resolveDesign(record: WidgetDesignRecord | undefined, logoUrl: (fileDocumentId: string) => string): WidgetDesign {
  if (!record) return DEFAULT_DESIGN;
  const d = stored.parse({ ...record, colors: record.colors ?? undefined, captions: record.captions ?? undefined });
  return {
    style: d.style,
    position: d.position,
    colors: d.colors,
    captions: d.captions,
    logo: record.logo ? { url: logoUrl(record.logo.documentId), scale: d.logoScale } : null,
  };
}
