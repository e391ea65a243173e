import type { Socket } from 'socket.io-client';
import type { WidgetPluginPart } from '../../core/src/visitors/visitor.contract.js';
import type { Lang, WidgetDesign } from './design.js';

export type { CoreToVisitor, WidgetPluginPart } from '../../core/src/visitors/visitor.contract.js';

/** What the loader hands each plugin's widget chunk: `export default function mount(api) { … }`. */
export interface WidgetSession {
  visitorToken: string;
  visitorId: string;
  siteId: string;
  locale: 'ru' | 'en';
  /** B3–B8: how the site's widget looks. The core always sends it; a widget mounted by hand (tests) may lack it: then the default. */
  design?: WidgetDesign;
  /** The plugins the site's account has that have a widget part, as they were when the page loaded. */
  plugins: WidgetPluginPart[];
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

/** The page the visitor is on (the first one, then each single-page-app navigation). */
export interface WidgetPage {
  url: string;
  title: string;
  /** The page before this one (`document.referrer` for the first). */
  referrer: string;
}

/** `Callpy.track(name, props)` as the page called it; nothing is checked here (each listener checks what it uses). */
export type TrackCall = [name: unknown, props?: unknown];

/** A button a plugin puts into the chat widget (its header, or beside the composer). */
export interface WidgetButton {
  /** Unique per slot; `data-testid` is `cp-slot-<id>`. */
  id: string;
  label: { ru: string; en: string };
  /** The button's face; the label's first letter without one. Built anew on every render. */
  icon?: () => Element;
  onClick(): void;
}

/** Draws a message of a plugin's kind (`<pluginId>.<name>`) inside its bubble; the message's text shows where no renderer is. */
export interface MessageKindRenderer {
  kind: string;
  render(message: { kind: string; payload: unknown; text: string }, locale: Lang): Node;
}

/** One place in the chat widget other chunks fill; `add` returns its own undo. */
export interface WidgetSlot<T> {
  add(item: T): () => void;
  items(): readonly T[];
}

export interface WidgetSlots {
  headerButtons: WidgetSlot<WidgetButton>;
  composerActions: WidgetSlot<WidgetButton>;
  messageKinds: WidgetSlot<MessageKindRenderer>;
  /** Called after any slot changed (the chat re-renders). */
  changed(fn: () => void): () => void;
}

/**
 * What the widget shell shares with every chunk (widget/src/host/), scoped to the chunk: when its
 * plugin is switched off on an open page (A7), the host removes what the chunk registered here —
 * its sockets' listeners and namespaces, navigation and track listeners, slot items and watchers —
 * and aborts `signal`; the chunk's teardown (what `mount` returns) removes the rest.
 */
export interface WidgetHost {
  /** A socket to `namespace` on the visitor's one connection, authenticated with the visitor token. */
  socket<S extends object = Record<string, never>, C extends object = Record<string, never>>(namespace: string): Socket<S, C>;
  /** Called with the current page at once, then after every navigation; returns its undo. */
  onNavigate(fn: (page: WidgetPage) => void): () => void;
  /** Called with every `Callpy.track` call — those made before, then live; returns its undo. */
  onTrack(fn: (name: unknown, props: unknown) => void): () => void;
  slots: WidgetSlots;
  /**
   * Aborted when the chunk is torn down: give it to the chunk's own `addEventListener(…, { signal })`
   * and `fetch(…, { signal })`, or check it in a callback that may come later (a timer, an answer).
   */
  signal: AbortSignal;
}

export interface WidgetApi {
  /** The core's origin, e.g. https://chat.agency.example */
  baseUrl: string;
  siteKey: string;
  session: WidgetSession;
  host: WidgetHost;
  /** Set only on the design page's preview (widget/src/preview.ts). */
  preview?: WidgetPreview;
}

/**
 * A chunk's teardown (A7: its plugin was switched off on an open page): remove its elements, stop its
 * timers and whatever its second stage started. Called once; the host then undoes what went
 * through `WidgetHost` and `signal` is aborted. The chunk's module stays loaded: switched on again,
 * `mount` is called anew.
 */
export type WidgetTeardown = () => void;

export type WidgetMount = (api: WidgetApi) => void | WidgetTeardown | Promise<void | WidgetTeardown>;

/**
 * A plugin's widget chunk (`widget/index.ts`, its first stage): `export default mount`, and
 * optionally `export const dependsOn = ['chat']` — mounted only after those chunks have mounted.
 */
export interface WidgetChunk {
  default: WidgetMount;
  dependsOn?: readonly string[];
}

/** The one global the widget leaves on a host page. */
export interface CallpyGlobal {
  siteKey: string;
  /** Resolves with the session once the loader has it; rejects when the site refuses us. */
  ready: Promise<WidgetSession>;
  /** Ids of the plugin chunks mounted now (one switched off leaves it, A7). */
  mounted: string[];
  /** Custom events for goals and others; callable before the widget has loaded (the install code's stub queues). */
  track(name: string, props?: Record<string, string | number | boolean>): void;
  /** `track` calls so far (the host replays them to each listener). */
  q: TrackCall[];
}

/** What the install code defines before the loader runs (no `siteKey` yet): `Callpy.track` that only queues its `arguments`. */
export interface CallpyStub {
  q?: ArrayLike<unknown>[];
}

declare global {
  interface Window {
    Callpy?: CallpyGlobal;
  }
}
