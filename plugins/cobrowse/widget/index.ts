import type { WidgetMount } from '../../../widget/src/widget-api.js';
import type { CobrowseRequestDto } from '../shared/cobrowse.protocol.js';
import type { CobrowseSocket } from './cobrowse-socket.js';
import type { ObserveSettings, Observer } from './observe.js';

/**
 * E1 in the widget, the first stage (on every page of a site whose account has co-browsing, so it
 * is a few hundred bytes): `/cobrowse` on the visitor's one connection, and on every
 * (re)connection `cobrowse.mine` — a session under way continues on this page by itself. The
 * consent prompt and the recorder (`observe.ts`, and rrweb in a chunk of its own) load only when
 * an operator asks.
 */
const mount: WidgetMount = ({ session, host, preview }) => {
  if (preview) return;
  const socket: CobrowseSocket = host.socket('/cobrowse');
  const settings = (session.plugins.find((p) => p.id === 'cobrowse')?.settings ?? {}) as Partial<ObserveSettings>;
  let observer: Promise<Observer> | null = null;
  const load = () =>
    (observer ??= import('./observe.js').then((m) => {
      if (host.signal.aborted) throw new Error('cobrowse: switched off');
      return m.observer({ socket, locale: session.locale === 'en' ? 'en' : 'ru', design: session.design, settings });
    }));
  const use = (fn: (o: Observer) => void) =>
    void load().then(fn, (err: unknown) => {
      observer = null;
      console.warn('Callpy cobrowse:', err);
    });
  const request = (r: CobrowseRequestDto | null) => void (r && use((o) => o.request(r)));

  socket.on('cobrowse.request', request);
  socket.on('cobrowse.snapshot', (p) => void (observer && use((o) => o.snapshot(p.sessionId))));
  socket.on('cobrowse.ended', (p) => void (observer && use((o) => o.ended(p.sessionId))));
  socket.on('connect', () => socket.emit('cobrowse.mine', {}, (ack) => request(ack?.ok ? ack.data : null)));
  return () => void observer?.then((o) => o.stop(), () => undefined);
};
export default mount;
