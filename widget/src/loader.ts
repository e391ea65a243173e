import type { CallpyStub, TrackCall, WidgetSession } from './widget-api.js';
import type { start } from './host/start.js';

/**
 * The loader the install code pulls in (budget: 2 KB gzip). It never blocks the page: it runs
 * async, asks the core for a session (which proves the page's origin belongs to the site and keeps
 * the visitor's identity across pages) while it imports the host chunk (widget/src/host/: the
 * visitor's one connection, slots, navigation), which then mounts only the chunks of the plugins
 * the site's account has. It leaves one global, `window.Callpy`, whose `track` queues from the
 * start (after the install code's stub, whose queue it takes over).
 */
// The host chunk's content-hashed name, put in by widget/build.mjs.
declare const __CALLPY_HOST__: string;
const script = (document.currentScript ?? document.querySelector('script[data-callpy-site]')) as HTMLScriptElement | null;
const siteKey = script?.getAttribute('data-callpy-site');
const stub = window.Callpy as (CallpyStub & { siteKey?: string }) | undefined;

// A stub (no siteKey) is the install code's queue; a real Callpy means the widget is on the page already.
if (script && siteKey && !stub?.siteKey) {
  const baseUrl = new URL(script.src).origin;
  const storageKey = `callpy:${siteKey}`;
  // Storage may be blocked (privacy modes, sandboxed frames): then the visitor is new each page.
  const stored = (): string | undefined => {
    try {
      return localStorage.getItem(storageKey) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const q: TrackCall[] = Array.from(stub?.q ?? [], (args) => [args[0], args[1]]);
  const mounted: string[] = [];
  const host = import(/* @vite-ignore */ new URL(__CALLPY_HOST__, script.src).href) as Promise<{ start: typeof start }>;

  const ready = fetch(`${baseUrl}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteKey, visitorToken: stored() }),
  }).then(async (response) => {
    const body = (await response.json()) as WidgetSession & { error?: { message: string } };
    if (!response.ok) throw new Error(body.error?.message ?? String(response.status));
    try {
      localStorage.setItem(storageKey, body.visitorToken);
    } catch {
      /* storage blocked: see above */
    }
    host.then((h) => h.start({ baseUrl, siteKey, session: body, global: Callpy }), (err: unknown) => console.warn('Callpy:', err));
    return body;
  });
  // A refusal (unknown key, foreign origin) is the site owner's to fix; say it once, quietly.
  ready.catch((err: unknown) => console.warn('Callpy:', err instanceof Error ? err.message : err));

  const Callpy = (window.Callpy = { siteKey, ready, mounted, q, track: (name, props) => void q.push([name, props]) });
}

export {};
