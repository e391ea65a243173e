import type { WidgetPage } from '../widget-api.js';

/** How long after a history change the page is read: single-page apps set their title a moment later. */
const SETTLE_MS = 150;

/**
 * Page and navigation events for every chunk (issue 10): the page at once, then each
 * single-page-app navigation — `history.pushState` / `replaceState` (wrapped once, on the history
 * object itself, whoever listens), `popstate`, `hashchange` — once the address really changed.
 */
export function watchNavigation(win: Window = window): (fn: (page: WidgetPage) => void) => () => void {
  const listeners = new Set<(page: WidgetPage) => void>();
  const read = (): WidgetPage => ({ url: win.location.href, title: win.document.title, referrer });
  let referrer = win.document.referrer;
  let url = win.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const navigated = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.location.href === url) return;
      referrer = url;
      url = win.location.href;
      const page = read();
      for (const fn of listeners) fn(page);
    }, SETTLE_MS);
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = win.history[name];
    win.history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      navigated();
      return result;
    };
  }
  win.addEventListener('popstate', navigated);
  win.addEventListener('hashchange', navigated);
  return (fn) => {
    listeners.add(fn);
    fn(read());
    return () => void listeners.delete(fn);
  };
}
