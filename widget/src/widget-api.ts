/** What the loader hands each plugin's widget chunk: `export default function mount(api) { … }`. */
export interface WidgetSession {
  visitorToken: string;
  visitorId: string;
  siteId: string;
  locale: 'ru' | 'en';
  plugins: { id: string; url: string }[];
}

export interface WidgetApi {
  /** The core's origin, e.g. https://chat.agency.example */
  baseUrl: string;
  siteKey: string;
  session: WidgetSession;
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
