import type { Socket } from 'socket.io-client';
import type { WidgetHost, WidgetSlot } from '../widget-api.js';

/**
 * One chunk's view of the shared host (A7: a plugin switched off on an open page): every listener,
 * slot item and slot watcher it registers, and every namespace it opens, is recorded, so `end()`
 * undoes them all — the socket's listeners removed, the namespace left (the server sees the
 * visitor go), nothing it queued sent later — and aborts `host.signal`, which the chunk's own
 * DOM listeners and requests may carry. What the chunk made itself (its elements, timers) is its
 * teardown's to undo (the function its mount returns).
 */
export function scopedHost(shared: Omit<WidgetHost, 'signal'>): { host: WidgetHost; end(): void } {
  const undo: (() => void)[] = [];
  const controller = new AbortController();
  const kept =
    <A extends unknown[]>(register: (...args: A) => () => void) =>
    (...args: A) => {
      const off = register(...args);
      undo.push(off);
      return off;
    };
  const slot = <T>(s: WidgetSlot<T>): WidgetSlot<T> => ({ add: kept(s.add), items: s.items });
  const host: WidgetHost = {
    socket: ((namespace: string) => {
      const socket: Socket = shared.socket(namespace);
      undo.push(() => {
        socket.removeAllListeners();
        socket.offAny();
        socket.disconnect();
        // A mount after the plugin is switched on again gets this socket back (the Manager keeps one per namespace).
        socket.sendBuffer = [];
      });
      return socket;
    }) as WidgetHost['socket'],
    onNavigate: kept(shared.onNavigate),
    onTrack: kept(shared.onTrack),
    slots: {
      headerButtons: slot(shared.slots.headerButtons),
      composerActions: slot(shared.slots.composerActions),
      messageKinds: slot(shared.slots.messageKinds),
      changed: kept(shared.slots.changed),
    },
    signal: controller.signal,
  };
  return {
    host,
    end() {
      controller.abort();
      for (const off of undo.splice(0).reverse()) off();
    },
  };
}
