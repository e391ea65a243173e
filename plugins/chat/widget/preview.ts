import type { WidgetDesign } from '../../../widget/src/design.js';
import type { WidgetPreview } from '../../../widget/src/widget-api.js';
import type { VisitorState } from '../shared/chat.protocol.js';
import type { Locale } from './i18n.js';
import { viewportSize } from './dom.js';
import { sampleState } from './preview-sample.js';
import type { ChatView } from './view.js';

/** Apply a design, the sample state to show with it, and (if the panel says) open or close the window. */
export type ShowPreview = (design: WidgetDesign, state: VisitorState, open: boolean | undefined) => void;

/**
 * The design page's preview (a lazy chunk, loaded only there): a sample conversation in the
 * widget's language, the panel's design on every change, and a launcher the admin can drag (B5) —
 * with the mouse, a finger, or the arrow keys — whose new place goes back to the panel.
 */
export function startPreview(preview: WidgetPreview, view: ChatView, locale: Locale, show: ShowPreview): void {
  preview.listen((update) => show(update.design, sampleState(locale, update.state === 'online'), update.open));
  for (const anchor of view.anchors()) draggable(anchor, view, (position) => preview.moved(position));
}

/** A move shorter than this is a click (open / close), not a drag. */
const DRAG_THRESHOLD = 5;
const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;

function draggable(el: HTMLElement, view: ChatView, moved: (position: WidgetDesign['position']) => void): void {
  el.style.touchAction = 'none';
  el.style.cursor = 'grab';
  let start: { x: number; y: number; cx: number; cy: number } | null = null;
  let dragged = false;
  const at = (e: PointerEvent) => {
    const { width, height } = viewportSize();
    return { x: round((start!.cx + e.clientX - start!.x) / width), y: round((start!.cy + e.clientY - start!.y) / height) };
  };
  el.addEventListener('pointerdown', (e) => {
    if (e.button) return;
    const r = el.getBoundingClientRect();
    start = { x: e.clientX, y: e.clientY, cx: r.left + r.width / 2, cy: r.top + r.height / 2 };
    dragged = false;
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    if (!start || (!dragged && Math.hypot(e.clientX - start.x, e.clientY - start.y) < DRAG_THRESHOLD)) return;
    dragged = true;
    el.style.cursor = 'grabbing';
    view.move(at(e));
  });
  const end = (e: PointerEvent) => {
    if (!start) return;
    if (dragged) moved(at(e));
    start = null;
    el.style.cursor = 'grab';
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
  // At the target, capture listeners run first: a drag's closing click does not also toggle the window.
  el.addEventListener(
    'click',
    (e) => {
      if (!dragged) return;
      dragged = false;
      e.stopImmediatePropagation();
      e.preventDefault();
    },
    true,
  );
  el.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 0.05 : 0.01;
    const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
    const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
    if (!dx && !dy) return;
    e.preventDefault();
    const p = view.position();
    const next = { x: round(p.x + dx), y: round(p.y + dy) };
    view.move(next);
    moved(next);
  });
}
