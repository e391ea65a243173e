import type { Lang, WidgetDesign } from './design.js';

/** What the loader hands each plugin's widget chunk: `export default function mount(api) { … }`. */
export interface WidgetSession {
  visitorToken: string;
  visitorId: string;
  siteId: string;
  locale: 'ru' | 'en';
  /** B3–B8: how the site's widget looks. The core always sends it; a widget mounted by hand (tests) may lack it: then the default. */
  design?: WidgetDesign;
  plugins: { id: string; url: string }[];
}

/** What the panel's design page tells the preview (docs/widget-design.md, `callpy:preview.design`). */
export interface PreviewUpdate {
  design: WidgetDesign;
  locale: Lang;
  /** `offline` shows the offline tab and form instead of the launcher and the chat. */
  state: 'online' | 'offline';
  /** Opens or closes the window; absent leaves it as it is. */
  open?: boolean;
}

/**
 * Preview mode (the design page's preview frame): the widget connects nowhere, shows a sample
 * conversation, takes its design from the panel and lets the admin drag the launcher.
 */
export interface WidgetPreview {
  /** Called with every update the panel sends, the latest one first if one came already. */
  listen(apply: (update: PreviewUpdate) => void): void;
  /** The admin dragged the launcher here (fractions of the viewport, as `WidgetDesign.position`). */
  moved(position: WidgetDesign['position']): void;
}

export interface WidgetApi {
  /** The core's origin, e.g. https://chat.agency.example */
  baseUrl: string;
  siteKey: string;
  session: WidgetSession;
  /** Set only on the design page's preview (widget/src/preview.ts). */
  preview?: WidgetPreview;
}

export type WidgetMount = (api: WidgetApi) => void | Promise<void>;

/** The one global the widget leaves on a host page. */
export interface CallpyGlobal {
  siteKey: string;
  /** Resolves with the session once the loader has it; rejects when the site refuses us. */
  ready: Promise<WidgetSession>;
  /** Ids of the plugin chunks mounted so far. */
  mounted: string[];
}

declare global {
  interface Window {
    Callpy?: CallpyGlobal;
  }
}
