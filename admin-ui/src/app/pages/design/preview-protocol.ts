import type { Lang, WidgetDesign } from '../../../../../widget/src/design';

/**
 * The design page ↔ preview page `postMessage` protocol (docs/widget-design.md, "postMessage
 * protocol"). Everything that arrives is untrusted until `parsePreviewMessage` says otherwise.
 */
export const PREVIEW_PAGE = '/widget/preview';

export type PreviewEvent =
  | { type: 'callpy:preview.ready' }
  | { type: 'callpy:preview.position'; position: { x: number; y: number } }
  | { type: 'callpy:preview.error'; message: string };

export interface PreviewDesignMessage {
  type: 'callpy:preview.design';
  design: WidgetDesign;
  locale: Lang;
  state: 'online' | 'offline';
  open: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

export function parsePreviewMessage(data: unknown): PreviewEvent | null {
  if (!isRecord(data)) return null;
  switch (data['type']) {
    case 'callpy:preview.ready':
      return { type: 'callpy:preview.ready' };
    case 'callpy:preview.position': {
      const p = data['position'];
      return isRecord(p) && isFraction(p['x']) && isFraction(p['y']) ? { type: 'callpy:preview.position', position: { x: p['x'], y: p['y'] } } : null;
    }
    case 'callpy:preview.error': {
      const message = data['message'];
      return { type: 'callpy:preview.error', message: typeof message === 'string' ? message.slice(0, 300) : '' };
    }
    default:
      return null;
  }
}

/**
 * Only the core's own preview page may go into the frame: the `src` the core hands out for
 * "preview over my site" is checked to be that page on this origin before it is trusted.
 */
export function isPreviewSrc(src: string, origin: string): boolean {
  try {
    const url = new URL(src, origin);
    return url.origin === origin && url.pathname === PREVIEW_PAGE;
  } catch {
    return false;
  }
}
