import type { WidgetChunk } from '../widget-api.js';

/**
 * Loads every chunk at once and mounts each as soon as it is here — except that a chunk declaring
 * `dependsOn` waits until those have mounted (issue 10). A dependency the site does not have, a
 * cycle, or a dependency that failed leaves the chunk unmounted, said once on the console; the
 * others go on. Resolves when every chunk has mounted or failed.
 */
export function mountInOrder(
  plugins: readonly { id: string; url: string }[],
  load: (url: string) => Promise<WidgetChunk>,
  mount: (id: string, chunk: WidgetChunk) => Promise<void>,
): Promise<unknown> {
  const declared = new Map<string, readonly string[]>();
  const mounted = new Map<string, Promise<void>>();
  // Whether `from` leads to `to` through the dependencies declared so far (the chunk closing a cycle sees it).
  const leads = (from: string, to: string, seen = new Set<string>()): boolean =>
    from === to || (!seen.has(from) && (seen.add(from), (declared.get(from) ?? []).some((d) => leads(d, to, seen))));
  for (const { id, url } of plugins) {
    mounted.set(
      id,
      load(url).then(async (chunk) => {
        const needs = Array.isArray(chunk.dependsOn) ? chunk.dependsOn : [];
        declared.set(id, needs);
        for (const d of needs) {
          if (!mounted.has(d)) throw new Error(`needs "${d}", which this site does not have`);
          if (leads(d, id)) throw new Error(`a dependency cycle through "${d}"`);
        }
        try {
          await Promise.all(needs.map((d) => mounted.get(d)));
        } catch {
          throw new Error(`not mounted: it needs ${needs.join(', ')}`);
        }
        await mount(id, chunk);
      }),
    );
  }
  return Promise.all([...mounted].map(([id, done]) => done.catch((err: unknown) => console.warn(`Callpy: ${id}:`, err instanceof Error ? err.message : err))));
}
