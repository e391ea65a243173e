import type { WidgetMount } from '../../../widget/src/widget-api.js';
import { EVENT_NAME, urlMatches, type Goal } from '../shared/goals.protocol.js';
import { Hits, type GoalsSocket } from './hits.js';

type Props = Record<string, string | number | boolean>;
/** What `Callpy.track`'s props may carry to the server: a flat object of plain values, small. */
const PROPS_MAX = 20;

function flatProps(props: unknown): Props | undefined {
  if (!props || typeof props !== 'object') return undefined;
  const out: Props = {};
  for (const [k, v] of Object.entries(props).slice(0, PROPS_MAX)) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The goals the session or `goals.updated` brought (`manifest.settings.widget`: the site's goals as they are); anything else is none. */
function goalsOf(settings: unknown): Goal[] {
  return Array.isArray(settings) ? settings.filter((g): g is Goal => !!g && typeof g === 'object' && typeof (g as Goal).id === 'string') : [];
}

/**
 * G1, the goals plugin's widget first stage: watches the page for the site's goals — clicks on a
 * selector and form submissions (one delegated capturing listener each), addresses on every
 * navigation, `Callpy.track` events — and reports each once per visit. A selector the browser
 * cannot parse is skipped until the goals change: a goal never breaks the page.
 *
 * The list is the session's, then whatever `goals.updated` brings (an admin saved the goals): so
 * `/goals` is opened at mount, even on a site without goals yet — it rides the visitor's one
 * connection (the chat's Manager), so it costs a frame, not a connection.
 *
 * Switched off on an open page (A7), everything stops: the host removes the navigation, track and
 * socket listeners and leaves `/goals`; `host.signal` takes the page listeners along and stops hits
 * still waiting to be sent. Nothing of its own is on the page, so it needs no teardown of its own.
 */
const mount: WidgetMount = ({ session, siteKey, host, preview }) => {
  if (preview) return;
  let goals = goalsOf(session.plugins.find((p) => p.id === 'goals')?.settings);
  const socket: GoalsSocket = host.socket('/goals');
  const hits = new Hits(`callpy:${siteKey}:goals`, socket, host.signal);
  const broken = new Set<string>();
  let page = location.href;
  const reach = (goal: Goal, url = location.href, props?: Props) => hits.reach({ goalId: goal.id, url, ...(props ? { props } : {}) });
  const checkPage = () => {
    for (const goal of goals) if (goal.type === 'url' && urlMatches(goal.match, goal.pattern, page)) reach(goal, page);
  };

  const watch = (type: 'click' | 'submit', goalType: 'click' | 'form') =>
    document.addEventListener(
      type,
      (e) => {
        const target = e.target;
        if (!(target instanceof Element)) return;
        for (const goal of goals) {
          if (goal.type !== goalType || broken.has(goal.id)) continue;
          try {
            if (goalType === 'click' ? target.closest(goal.selector) : target.matches(goal.selector)) reach(goal);
          } catch {
            broken.add(goal.id);
          }
        }
      },
      { capture: true, signal: host.signal },
    );
  watch('click', 'click');
  watch('submit', 'form');

  host.onNavigate((to) => {
    page = to.url;
    checkPage();
  });
  socket.on('goals.updated', (list) => {
    goals = goalsOf(list);
    broken.clear();
    // A new URL goal may be the page the visitor is on.
    checkPage();
  });
  host.onTrack((name, props) => {
    if (typeof name !== 'string' || !EVENT_NAME.test(name)) return;
    for (const goal of goals) if (goal.type === 'event' && goal.event === name) reach(goal, location.href, flatProps(props));
  });
};
export default mount;
