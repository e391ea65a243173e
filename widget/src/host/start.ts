import type { CallpyGlobal, CoreToVisitor, WidgetChunk, WidgetHost, WidgetPage, WidgetPreview, WidgetSession } from '../widget-api.js';
import { watchNavigation } from './navigation.js';
import { pluginChunks } from './order.js';
import { scopedHost } from './scope.js';
import { widgetSlots } from './slots.js';
import { visitorSockets } from './sockets.js';
import { trackCalls } from './track.js';

export interface HostStart {
  baseUrl: string;
  siteKey: string;
  session: WidgetSession;
  /** `Callpy` itself: its track queue is replayed, its `mounted` kept to the chunks mounted now. */
  global: Pick<CallpyGlobal, 'q' | 'track' | 'mounted'>;
  preview?: WidgetPreview;
}

// History is wrapped once per page, on the first listener, however often the preview mounts anew.
let navigation: ((fn: (page: WidgetPage) => void) => () => void) | undefined;

/**
 * The widget shell's second step (issue 10), a chunk the loader imports beside the session: makes
 * the `WidgetHost` — the visitor's one connection, navigation, `Callpy.track`, the chat widget's
 * slots — and mounts each plugin chunk of the session with its own scope of it. Then it follows
 * the account's plugins (A7) on the core's `/visitor` namespace: a plugin switched on is mounted,
 * one switched off torn down, without a reload. Resolves when the session's chunks have mounted.
 */
export function start(o: HostStart): Promise<unknown> {
  const sockets = visitorSockets(o.baseUrl, o.session.visitorToken, { connect: !o.preview });
  const shared: Omit<WidgetHost, 'signal'> = {
    socket: sockets as WidgetHost['socket'],
    onNavigate: (fn) => (navigation ??= watchNavigation())(fn),
    onTrack: trackCalls(o.global),
    slots: widgetSlots(),
  };
  let session = o.session;
  const { mounted } = o.global;
  const chunks = pluginChunks(
    (url) => import(/* @vite-ignore */ url) as Promise<WidgetChunk>,
    async (id, chunk) => {
      const scope = scopedHost(shared);
      let teardown: void | (() => void);
      try {
        teardown = await chunk.default({ baseUrl: o.baseUrl, siteKey: o.siteKey, session, host: scope.host, preview: o.preview });
      } catch (err) {
        scope.end();
        throw err;
      }
      mounted.push(id);
      return () => {
        const at = mounted.indexOf(id);
        if (at >= 0) mounted.splice(at, 1);
        try {
          teardown?.();
        } finally {
          scope.end();
        }
      };
    },
  );
  const ready = chunks.apply(session.plugins);
  // The design page's preview follows nothing: its sockets never connect.
  if (!o.preview) {
    sockets<CoreToVisitor>('/visitor', () => ({ plugins: chunks.ids() })).on('plugins.changed', ({ plugins }) => {
      // A chunk mounted from here on reads its settings from the list as it is now.
      session = { ...session, plugins };
      void chunks.apply(plugins);
    });
  }
  return ready;
}
