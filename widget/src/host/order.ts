import type { WidgetChunk } from '../widget-api.js';

/** Undoes one chunk's mount: its own teardown, then what the host undoes for it (start.ts). */
export type Unmount = () => void;

interface Entry {
  /** Its `dependsOn`, once the chunk is here. */
  needs?: readonly string[];
  /** Mounted (or nothing to mount, being gone); rejects when it could not mount. */
  done: Promise<void>;
  unmount?: Unmount | void;
  /** Switched off: not to be mounted, or unmounted already. */
  gone?: boolean;
  failed?: boolean;
}

const warn = (id: string) => (err: unknown) => console.warn(`Callpy: ${id}:`, err instanceof Error ? err.message : err);

/**
 * The plugin chunks of the page, following the account's plugins (issue 10, A7). `apply(list)`
 * loads every chunk of the list not mounted yet at once and mounts each as soon as it is here —
 * except that a chunk declaring `dependsOn` waits until those have mounted. A dependency the site
 * does not have, a cycle, or a dependency that failed leaves the chunk unmounted, said once on the
 * console; the others go on (a chunk that failed is tried again by the next `apply`). A chunk no
 * longer in the list is unmounted — after whatever depends on it — or, still loading, unmounted as
 * soon as it has mounted. Its second stage, if it loaded one, is its own to tear down.
 * `apply` resolves when every chunk it added has mounted or failed.
 */
export function pluginChunks(
  load: (url: string) => Promise<WidgetChunk>,
  mount: (id: string, chunk: WidgetChunk) => Promise<Unmount | void>,
): { apply(plugins: readonly { id: string; url: string }[]): Promise<unknown>; ids(): string } {
  const entries = new Map<string, Entry>();
  // Whether `from` leads to `to` through the dependencies declared so far (the chunk closing a cycle sees it).
  const leads = (from: string, to: string, seen = new Set<string>()): boolean =>
    from === to || (!seen.has(from) && (seen.add(from), (entries.get(from)?.needs ?? []).some((d) => leads(d, to, seen))));

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    entry.gone = true;
    for (const [other, e] of entries) if (e.needs?.includes(id)) remove(other);
    try {
      entry.unmount?.();
    } catch (err) {
      warn(id)(err);
    }
  };

  const add = (id: string, url: string) => {
    const entry: Entry = { done: load(url).then((chunk) => mountAfterNeeds(id, entry, chunk)) };
    entry.done.catch(() => (entry.failed = true));
    entries.set(id, entry);
  };

  const mountAfterNeeds = async (id: string, entry: Entry, chunk: WidgetChunk) => {
    const needs = Array.isArray(chunk.dependsOn) ? chunk.dependsOn : [];
    entry.needs = needs;
    const deps = needs.map((d) => {
      const e = entries.get(d);
      if (!e) throw new Error(`needs "${d}", which this site does not have`);
      if (leads(d, id)) throw new Error(`a dependency cycle through "${d}"`);
      return e.done;
    });
    try {
      await Promise.all(deps);
    } catch {
      throw new Error(`not mounted: it needs ${needs.join(', ')}`);
    }
    // Switched off while it loaded (a dependency switched off takes this one along).
    if (entry.gone) return;
    entry.unmount = await mount(id, chunk);
    if (entry.gone) entry.unmount?.();
  };

  return {
    apply(plugins) {
      const wanted = new Set(plugins.map((p) => p.id));
      for (const [id, entry] of [...entries]) if (!wanted.has(id) || entry.failed) remove(id);
      const added = plugins.filter((p) => !entries.has(p.id));
      for (const { id, url } of added) add(id, url);
      return Promise.all(added.map(({ id }) => entries.get(id)?.done.catch(warn(id))));
    },
    // What `/visitor` compares with the account's list (`auth.plugins`).
    ids: () => [...entries.keys()].sort().join(','),
  };
}

