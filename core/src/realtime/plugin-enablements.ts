import type { ContentStore } from '../content/content-store.js';

/** How often the accounts' plugins are compared without a content change: a licence running out (A9) is a moment, not a change. */
const RECHECK_MS = 60_000;

/**
 * Calls `changed(accountId)` for each account whose plugins (`enabledIds`: the agency's switches
 * as A7 sets them, held off by account limits such as a licence's plan, A9) differ from the last
 * comparison: the one signal open panels (`/panel`) and open widgets (`/visitor`) follow. Compared
 * at every content change — each core process learns of those itself (the CMS webhook, the Redis
 * re-read, its own writes), so a listener tells only its own process's sockets — and once a minute,
 * for limits that end with time. Returns what stops it.
 */
export function watchPluginEnablements(
  content: Pick<ContentStore, 'onChange'>,
  enabledIds: (accountId: string) => readonly string[],
  changed: (accountId: string) => void,
): () => void {
  let accounts: readonly string[] = [];
  // Empty at first: a change that lands before the first comparison is told rather than missed (a
  // needless notice only makes a panel re-read its list, a widget compare its own).
  let last = new Map<string, string>();
  const compare = () => {
    const next = new Map(accounts.map((id) => [id, enabledIds(id).join(',')]));
    for (const account of new Set([...last.keys(), ...next.keys()])) if (last.get(account) !== next.get(account)) changed(account);
    last = next;
  };
  const unsubscribe = content.onChange((snapshot) => {
    accounts = snapshot.accounts.map((a) => a.documentId);
    compare();
  });
  const timer = setInterval(compare, RECHECK_MS).unref();
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
