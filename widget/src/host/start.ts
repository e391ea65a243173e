import type { CallpyGlobal, WidgetChunk, WidgetHost, WidgetPage, WidgetPreview, WidgetSession } from '../widget-api.js';
import { watchNavigation } from './navigation.js';
import { mountInOrder } from './order.js';
import { widgetSlots } from './slots.js';
import { visitorSockets } from './sockets.js';
import { trackCalls } from './track.js';

export interface HostStart {
  baseUrl: string;
  siteKey: string;
  session: WidgetSession;
  /** `Callpy` itself: its track queue is replayed, its `mounted` filled. */
  global: Pick<CallpyGlobal, 'q' | 'track' | 'mounted'>;
  preview?: WidgetPreview;
}

// History is wrapped once per page, on the first listener, however often the preview mounts anew.
let navigation: ((fn: (page: WidgetPage) => void) => () => void) | undefined;

/**
 * The widget shell's second step (issue 10), a chunk the loader imports beside the session: makes
 * the `WidgetHost` — the visitor's one connection, navigation, `Callpy.track`, the chat widget's
 * slots — and mounts each plugin chunk of the session with it.
 */
export function start(o: HostStart): Promise<unknown> {
  const host: WidgetHost = {
    socket: visitorSockets(o.baseUrl, o.session.visitorToken, { connect: !o.preview }) as WidgetHost['socket'],
    onNavigate: (fn) => (navigation ??= watchNavigation())(fn),
    onTrack: trackCalls(o.global),
    slots: widgetSlots(),
  };
  return mountInOrder(
    o.session.plugins,
    (url) => import(/* @vite-ignore */ url) as Promise<WidgetChunk>,
    async (id, chunk) => {
      await chunk.default({ baseUrl: o.baseUrl, siteKey: o.siteKey, session: o.session, host, preview: o.preview });
      o.global.mounted.push(id);
    },
  );
}
