/**
 * B3–B8: how a site's widget looks — the contract shared by the core (validates and stores it in
 * the CMS per site), the widget (renders it; gets it with the session and live as `design.updated`
 * on `/chat`) and the panel's design page (edits it beside a live preview). Pure data and math, no
 * DOM: the widget bundles only what it imports from here.
 */

export type WidgetStyle = 'standard' | 'branded' | 'side';
export type Lang = 'ru' | 'en';

/** Colours as `#rrggbb`. Text colours are the "font colours" of B8. */
export interface WidgetColors {
  /** The window's header and frame. */
  shell: string;
  shellText: string;
  launcher: string;
  launcherText: string;
  /** Operator → visitor messages. */
  incoming: string;
  incomingText: string;
  /** Visitor → operator messages. */
  outgoing: string;
  outgoingText: string;
}

/** B8: captions a site may override per language; an empty string keeps the built-in wording. */
export interface WidgetCaptions {
  chatTitle: string;
  chatSubtitle: string;
  greeting: string;
  inputPlaceholder: string;
  offlineTitle: string;
  offlineText: string;
  offlineThanks: string;
}

export interface WidgetDesign {
  style: WidgetStyle;
  /**
   * B5: where the launcher's centre sits, as fractions of the viewport's width and height (0..1,
   * from the left and the top). The widget keeps the launcher and its window inside the viewport
   * on every screen size.
   */
  position: { x: number; y: number };
  colors: WidgetColors;
  /** B7: jpg or png, at least 125×125 px (checked by the core); `scale` 0.5–2 of the default size. */
  logo: { url: string; scale: number } | null;
  captions: Record<Lang, WidgetCaptions>;
}

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;
export const CAPTION_LIMITS: Readonly<Record<keyof WidgetCaptions, number>> = {
  chatTitle: 60,
  chatSubtitle: 80,
  greeting: 300,
  inputPlaceholder: 80,
  offlineTitle: 60,
  offlineText: 300,
  offlineThanks: 200,
};
export const LOGO_RULES = { minWidth: 125, minHeight: 125, maxBytes: 2 * 1024 * 1024, types: ['image/jpeg', 'image/png'], minScale: 0.5, maxScale: 2 } as const;

const EMPTY_CAPTIONS: WidgetCaptions = { chatTitle: '', chatSubtitle: '', greeting: '', inputPlaceholder: '', offlineTitle: '', offlineText: '', offlineThanks: '' };

export const DEFAULT_COLORS: WidgetColors = {
  shell: '#2563eb',
  shellText: '#ffffff',
  launcher: '#2563eb',
  launcherText: '#ffffff',
  incoming: '#ffffff',
  incomingText: '#1f2937',
  outgoing: '#2563eb',
  outgoingText: '#ffffff',
};

/** What a site has until its admin saves a design: bottom-right, Standard, blue. */
export const DEFAULT_DESIGN: WidgetDesign = {
  style: 'standard',
  position: { x: 0.96, y: 0.94 },
  colors: DEFAULT_COLORS,
  logo: null,
  captions: { ru: EMPTY_CAPTIONS, en: EMPTY_CAPTIONS },
};

/** WCAG 2.x relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text-on-background pairs a visitor reads; each should reach WCAG AA (4.5:1). */
export const READABLE_PAIRS = [
  ['shellText', 'shell'],
  ['launcherText', 'launcher'],
  ['incomingText', 'incoming'],
  ['outgoingText', 'outgoing'],
] as const satisfies readonly (readonly [keyof WidgetColors, keyof WidgetColors])[];

export const WCAG_AA = 4.5;

/** Pairs below AA: a warning for the admin, not a refusal (brand colours are theirs to choose). */
export function contrastWarnings(colors: WidgetColors): { text: keyof WidgetColors; background: keyof WidgetColors; ratio: number }[] {
  return READABLE_PAIRS.map(([text, background]) => ({ text, background, ratio: contrastRatio(colors[text], colors[background]) })).filter((p) => p.ratio < WCAG_AA);
}
