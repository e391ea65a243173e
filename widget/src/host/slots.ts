import type { WidgetSlot, WidgetSlots } from '../widget-api.js';

/**
 * The chat widget's slots (issue 10): header buttons, composer actions, renderers for plugin
 * message kinds. Chunks fill them in any order, before or after the chat mounts; the chat draws
 * what is there and draws again on every change.
 */
export function widgetSlots(): WidgetSlots {
  const watchers = new Set<() => void>();
  const changed = () => watchers.forEach((fn) => fn());
  function slot<T>(): WidgetSlot<T> {
    let list: T[] = [];
    return {
      add(item) {
        list = [...list, item];
        changed();
        return () => {
          list = list.filter((i) => i !== item);
          changed();
        };
      },
      items: () => list,
    };
  }
  return {
    headerButtons: slot(),
    composerActions: slot(),
    messageKinds: slot(),
    changed(fn) {
      watchers.add(fn);
      return () => void watchers.delete(fn);
    },
  };
}
