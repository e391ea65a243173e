import type { WidgetHost } from '../../../widget/src/widget-api.js';
import type { ActivityState, PageInfo } from '../shared/chat.protocol.js';

export const currentActivity = (): ActivityState => (document.visibilityState === 'hidden' ? 'hidden' : 'active');

/**
 * C3/C4 presence: reports SPA navigations (the host's navigation events: history changes, the
 * page's title read once the app has set it) and activity — tab visible, hidden, or the page left
 * (pagehide). The returned `stop` removes its listeners.
 */
export function trackPresence(
  onNavigate: WidgetHost['onNavigate'],
  report: { page(p: PageInfo): void; activity(s: ActivityState): void },
): { page(): PageInfo; stop(): void } {
  let current: PageInfo | undefined;
  // The host calls at once with the page we are on: that one goes with the hello, not as a navigation.
  const unwatch = onNavigate((p) => {
    const first = !current;
    current = p;
    if (!first) report.page(p);
  });
  const page = (): PageInfo => current ?? { url: location.href, title: document.title, referrer: document.referrer };
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

  document.addEventListener('visibilitychange', visibility);
  addEventListener('pagehide', left);
  addEventListener('pageshow', back);

  return {
    page,
    stop() {
      unwatch();
      document.removeEventListener('visibilitychange', visibility);
      removeEventListener('pagehide', left);
      removeEventListener('pageshow', back);
    },
  };
}
