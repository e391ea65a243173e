import type { WidgetMount } from '../../../widget/src/widget-api.js';
import type { CallDto } from '../shared/calls.protocol.js';
import { callLineText, recordingLineText } from './call-line.js';
import { icon } from './call-dom.js';
import { request, type CallsSocket } from './calls-socket.js';
import type { CallUi } from './call-ui.js';

/**
 * D1, D2, D5, E6 in the widget, the first stage (on every page of a site whose account has calls,
 * so it stays small): `/calls` on the visitor's one connection, «Позвонить» in the chat's header
 * (one click starts an audio call), the ring of an operator's call, the dialog's call lines — and,
 * the recordings' lines (a few words: the recording is the operators'), and, on every (re)connection, `calls.mine`: a call this tab took part in on the previous page joins
 * again on this one with no action (the chosen way to survive the site's links; the call UI keeps
 * which call this tab is in, in sessionStorage). The call UI itself (`call-ui.ts`) is a chunk of
 * its own, loaded when a call starts, rings or is there to rejoin.
 */
/** The chat's element is on the page first: the call card watches its window and hands the visitor to its composer. */
export const dependsOn = ['chat'];

const mount: WidgetMount = ({ session, siteKey, host, preview }) => {
  if (preview) return;
  const locale = session.locale === 'en' ? 'en' : 'ru';
  const socket: CallsSocket = host.socket('/calls');
  let ui: Promise<CallUi> | null = null;
  let loaded: CallUi | null = null;
  const load = () =>
    (ui ??= import('./call-ui.js').then(
      (m) => {
        if (host.signal.aborted) throw new Error('calls: switched off');
        return (loaded = m.callUi({ socket, locale, siteKey, design: session.design }));
      },
      (err: unknown) => {
        ui = null; // the next call tries again
        throw err;
      },
    ));
  const use = (fn: (ui: CallUi) => void) => void load().then(fn, (err: unknown) => console.warn('Callpy calls:', err));

  host.slots.headerButtons.add({ id: 'calls', label: { ru: 'Позвонить', en: 'Call' }, icon: () => icon('phone'), onClick: () => use((u) => u.start()) });
  host.slots.messageKinds.add({
    kind: 'calls.call',
    render: (m, lang) => document.createTextNode(callLineText(m.payload, lang) ?? m.text),
  });
  host.slots.messageKinds.add({ kind: 'calls.recording', render: (_m, lang) => document.createTextNode(recordingLineText(lang)) });
  socket.on('call.ringing', (call) => use((u) => u.sync([call])));
  socket.on('connect', () => {
    void request(socket, 'calls.mine', {}).then((ack) => {
      const calls: CallDto[] = ack?.ok ? ack.data : [];
      // Nothing under way and no UI yet: nothing to load.
      if (calls.length || loaded) use((u) => u.sync(calls, true));
    });
  });
  return () => loaded?.stop();
};
export default mount;
