import type { ActivityState, PageInfo } from '../shared/chat.protocol.js';

export const currentActivity = (): ActivityState => (document.visibilityState === 'hidden' ? 'hidden' : 'active');

/**
 * C3/C4 presence: reports SPA navigations (history.pushState / replaceState / popstate /
 * hashchange; the page's title is read a moment later, after the app has set it) and activity —
 * tab visible, hidden, or the page left (pagehide). Leaves no global behind: the history methods
 * are wrapped on the history object itself and restored by the returned function.
 */
export function trackPresence(report: { page(p: PageInfo): void; activity(s: ActivityState): void }): { page(): PageInfo; stop(): void } {
  let referrer = document.referrer;
  let url = location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const page = (): PageInfo => ({ url: location.href, title: document.title, referrer });

  const navigated = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (location.href === url) return;
      referrer = url;
      url = location.href;
      report.page(page());
    }, 150);
  };
  const wrap = (name: 'pushState' | 'replaceState') => {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      navigated();
      return result;
    };
    return () => void (history[name] = original);
  };
  const unwrap = [wrap('pushState'), wrap('replaceState')];
  // After pagehide the page is gone for the visitor: the 'hidden' that follows must not undo 'left'.
  let gone = false;
  const visibility = () => !gone && report.activity(currentActivity());
  const left = () => {
    gone = true;
    report.activity('left');
  };
  const back = (e: PageTransitionEvent) => {
    gone = false;
    if (e.persisted) report.activity(currentActivity());
  };

  addEventListener('popstate', navigated);
  addEventListener('hashchange', navigated);
  document.addEventListener('visibilitychange', visibility);
  addEventListener('pagehide', left);
  addEventListener('pageshow', back);

  return {
    page,
    stop() {
      clearTimeout(timer);
      unwrap.forEach((u) => u());
      removeEventListener('popstate', navigated);
      removeEventListener('hashchange', navigated);
      document.removeEventListener('visibilitychange', visibility);
      removeEventListener('pagehide', left);
      removeEventListener('pageshow', back);
    },
  };
}
