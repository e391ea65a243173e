import type { WidgetCaptions, WidgetDesign } from '../../../widget/src/design.js';
import type { Dict } from './i18n.js';

/**
 * B3–B8 in the widget, the pure part: the site's captions over the built-in words, its colours as CSS custom properties, and where the launcher
 * and the window go in a viewport of any size. No DOM: unit-tested as it is.
 */

/** B8: the site's captions over the built-in words; an empty caption keeps the built-in one. */
export function withCaptions(t: Dict, c: WidgetCaptions): Dict {
  const or = (caption: string, builtIn: string) => caption || builtIn;
  return {
    ...t,
    title: c.chatTitle,
    subtitle: c.chatSubtitle,
    welcome: or(c.greeting, t.welcome),
    placeholder: or(c.inputPlaceholder, t.placeholder),
    offlineTitle: or(c.offlineTitle, t.offlineTitle),
    offlineTab: or(c.offlineTitle, t.offlineTab),
    offlineIntro: or(c.offlineText, t.offlineIntro),
    offlineThanks: or(c.offlineThanks, t.offlineThanks),
  };
}

/** `#rrggbb` mixed toward black by `amount` (0..1): the hover shade of a brand colour. */
export function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = (shift: number) => Math.round(((n >> shift) & 255) * (1 - amount)).toString(16).padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

/** The design's colours and logo scale as the custom properties the stylesheet reads. */
export function designVars(d: WidgetDesign): [string, string][] {
  const c = d.colors;
  return [
    ['--a', c.shell],
    ['--a2', shade(c.shell, 0.18)],
    ['--on-a', c.shellText],
    ['--la', c.launcher],
    ['--la2', shade(c.launcher, 0.12)],
    ['--on-la', c.launcherText],
    ['--in', c.incoming],
    ['--on-in', c.incomingText],
    ['--out', c.outgoing],
    ['--on-out', c.outgoingText],
    ['--ls', String(d.logo?.scale ?? 1)],
  ];
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Distance kept from the viewport's edges (less on phones). */
export const edgeMargin = (viewportWidth: number) => (viewportWidth <= 480 ? 16 : 20);
/** A launcher this close to the margin snaps onto it: a corner stays a corner on every screen. */
const SNAP = 16;

const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, v));

/**
 * B5: the launcher (w×h) with its centre at the design's position, kept inside the viewport
 * (W×H) with the margin, and snapped to the margin when near it.
 */
export function placeLauncher(position: WidgetDesign['position'], w: number, h: number, W: number, H: number): Box {
  const m = edgeMargin(W);
  const axis = (fractionOf: number, size: number, total: number) => {
    const max = Math.max(m, total - m - size);
    const at = clamp(fractionOf * total - size / 2, m, max);
    return at - m < SNAP ? m : max - at < SNAP ? max : at;
  };
  return { left: axis(position.x, w, W), top: axis(position.y, h, H), width: w, height: h };
}

/** Side style: the tab on the nearer side edge (flush with it), at the position's height. */
export function placeOnEdge(position: WidgetDesign['position'], w: number, h: number, W: number, H: number): Box {
  const m = edgeMargin(W);
  return { left: position.x < 0.5 ? 0 : W - w, top: clamp(position.y * H - h / 2, m, Math.max(m, H - m - h)), width: w, height: h };
}

/** Side style: the full-height panel on the tab's side. */
export function placeSidePanel(anchor: Box, w: number, W: number, H: number): Box {
  const width = Math.min(w, W);
  return { left: anchor.left + anchor.width / 2 < W / 2 ? 0 : W - width, top: 0, width, height: H };
}

/**
 * The window (w×h at most) next to its anchor (the launcher or the tab): above or below it,
 * toward the roomier side, aligned with its outer edge; beside it when it sits half-way up a side
 * and neither above nor below has the room. Always inside the viewport.
 */
export function placeWindow(anchor: Box, w: number, h: number, W: number, H: number, gap = 12): Box {
  const m = 8;
  const width = Math.min(w, W - 2 * m);
  const right = anchor.left + anchor.width / 2 >= W / 2;
  const above = anchor.top - gap - m;
  const below = H - m - (anchor.top + anchor.height + gap);
  const beside = right ? anchor.left - gap - m : W - m - (anchor.left + anchor.width + gap);
  if (Math.max(above, below) < Math.min(h, 400) && beside >= width) {
    const height = Math.min(h, H - 2 * m);
    const top = clamp(anchor.top + anchor.height / 2 - height / 2, m, H - m - height);
    return { left: right ? anchor.left - gap - width : anchor.left + anchor.width + gap, top, width, height };
  }
  const left = clamp(right ? anchor.left + anchor.width - width : anchor.left, m, W - m - width);
  const up = above >= below || above >= h;
  const height = Math.max(0, Math.min(h, up ? above : below));
  return { left, top: up ? anchor.top - gap - height : anchor.top + anchor.height + gap, width, height };
}
