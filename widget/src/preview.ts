import { sanitizeDesign } from './design-input.js';
import type { start } from './host/start.js';
import type { PreviewUpdate, WidgetPreview } from './widget-api.js';

/**
 * The design page's preview frame (`GET /widget/preview`, docs/widget-design.md): runs the real
 * widget — the host and the plugins with a preview part (today the chat) — in preview mode over
 * the page the core served, takes designs from the panel by
 * `postMessage` — from the panel's origin and the parent window only — and tells the panel where
 * the admin dragged the launcher. Loaded only on that page, never by the loader.
 */
const script = document.querySelector<HTMLScriptElement>('script[data-panel-origin]');
const panelOrigin = script?.dataset.panelOrigin ?? location.origin;
// The host's and the previewed plugins' content-hashed names, put in by widget/build.mjs.
declare const __CALLPY_HOST__: string;
declare const __CALLPY_PREVIEWED__: { id: string; url: string }[];
const at = (file: string) => new URL(file, import.meta.url).href;
const plugins = __CALLPY_PREVIEWED__.map((p) => ({ id: p.id, url: at(p.url) }));
const say = (message: Record<string, unknown>) => parent.postMessage(message, panelOrigin);

// The client's page could not be shown (preview over the site): say why, over the sample page.
const problem = script?.dataset.error;
if (problem) {
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.textContent = problem;
  document.body.appendChild(banner);
  say({ type: 'callpy:preview.error', message: problem });
}

// Links of the page do not lead away from the preview.
document.addEventListener('click', (e) => e.target instanceof Element && e.target.closest('a[href]') && e.preventDefault(), true);

let latest: PreviewUpdate | null = null;
let mountedLocale: PreviewUpdate['locale'] | null = null;
let listeners: ((update: PreviewUpdate) => void)[] = [];

const preview: WidgetPreview = {
  listen(apply) {
    listeners.push(apply);
    if (latest) apply(latest);
  },
  moved: (position) => say({ type: 'callpy:preview.position', position }),
};

/** The widget's built-in words come with its language: another language is a fresh mount. */
async function mount(update: PreviewUpdate): Promise<void> {
  mountedLocale = update.locale;
  listeners = [];
  document.querySelector('callpy-chat')?.remove();
  const host = (await import(/* @vite-ignore */ at(__CALLPY_HOST__))) as { start: typeof start };
  await host.start({
    baseUrl: new URL(import.meta.url).origin,
    siteKey: 'preview',
    session: { visitorToken: '', visitorId: 'preview', siteId: 'preview', locale: update.locale, design: update.design, plugins },
    global: { q: [], track() {}, mounted: [] },
    preview,
  });
}

addEventListener('message', (e: MessageEvent<unknown>) => {
  if (e.origin !== panelOrigin || e.source !== parent) return;
  const data = e.data as Record<string, unknown> | null;
  if (data?.type !== 'callpy:preview.design') return;
  const update: PreviewUpdate = {
    design: sanitizeDesign(data.design),
    locale: data.locale === 'en' ? 'en' : 'ru',
    state: data.state === 'offline' ? 'offline' : 'online',
    open: typeof data.open === 'boolean' ? data.open : undefined,
  };
  latest = update;
  if (update.locale !== mountedLocale) void mount(update).catch((err: unknown) => console.warn('Callpy preview:', err));
  else for (const apply of listeners) apply(update);
});

say({ type: 'callpy:preview.ready' });
