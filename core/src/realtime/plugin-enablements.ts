import type { ContentStore } from '../content/content-store.js';
import type { ContentSnapshot } from '../content/content.types.js';

/**
 * Calls `changed(accountId)` for each account whose plugin switches (A7: the agency console, the
 * CMS) differ from the last content change: the one signal open panels (`/panel`) and open widgets
 * (`/visitor`) follow. Each core process learns of content changes itself (the CMS webhook, the
 * Redis re-read, its own writes), so a listener tells only its own process's sockets (`local`).
 */
export function watchPluginEnablements(content: Pick<ContentStore, 'onChange'>, changed: (accountId: string) => void): () => void {
  const byAccount = (snapshot: Pick<ContentSnapshot, 'pluginEnablements'>) => {
    const map = new Map<string, string>();
    for (const e of [...snapshot.pluginEnablements].sort((a, b) => a.pluginId.localeCompare(b.pluginId))) {
      if (e.account) map.set(e.account, `${map.get(e.account) ?? ''}${e.pluginId}=${e.enabled};`);
    }
    return map;
  };
  // Empty at first: a change that lands before the first comparison is told rather than missed (a
  // needless notice only makes a panel re-read its list, a widget compare its own).
  let last = new Map<string, string>();
  return content.onChange((snapshot) => {
    const next = byAccount(snapshot);
    for (const account of new Set([...last.keys(), ...next.keys()])) if (last.get(account) !== next.get(account)) changed(account);
    last = next;
  });
}
