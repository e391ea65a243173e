import type { WidgetMount, WidgetSession } from './widget-api.js';

/**
 * The loader the install code pulls in (budget: 2 KB gzip). It never blocks the page: it runs
 * async, asks the core for a session (which proves the page's origin belongs to the site and keeps
 * the visitor's identity across pages), then imports only the chunks of the plugins the site's
 * account has. It leaves one global, `window.Callpy`.
 */
const script = (document.currentScript ?? document.querySelector('script[data-callpy-site]')) as HTMLScriptElement | null;
const siteKey = script?.getAttribute('data-callpy-site');

if (script && siteKey && !window.Callpy) {
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
  const mounted: string[] = [];

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
    for (const plugin of body.plugins) {
      import(/* @vite-ignore */ plugin.url)
        .then(async (chunk: { default: WidgetMount }) => {
          await chunk.default({ baseUrl, siteKey, session: body });
          mounted.push(plugin.id);
        })
        .catch((err: unknown) => console.warn(`Callpy: ${plugin.id}:`, err));
    }
    return body;
  });
  // A refusal (unknown key, foreign origin) is the site owner's to fix; say it once, quietly.
  ready.catch((err: unknown) => console.warn('Callpy:', err instanceof Error ? err.message : err));

  window.Callpy = { siteKey, ready, mounted };
}

export {};
