import { describe, expect, it } from 'vitest';
import { PluginConfigError } from '../../src/kernel/kernel-error.js';
import { resolvePlugins } from '../../src/kernel/plugin-loader.js';
import { fixturesRoot } from '../support/paths.js';

const resolve = (plugins: Record<string, { options?: unknown }>) => resolvePlugins({ plugins }, [fixturesRoot]);

async function problemsOf(plugins: Record<string, { options?: unknown }>): Promise<string[]> {
  const err: unknown = await resolve(plugins).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PluginConfigError);
  return (err as PluginConfigError).problems;
}

describe('plugin loader', () => {
  it('orders plugins by dependsOn and parses their options with defaults', async () => {
    const plugins = await resolve({ echo: {}, hello: { options: { greeting: 'hi' } } });
    expect(plugins.map((p) => p.manifest.id)).toEqual(['hello', 'echo']);
    expect(plugins[0]!.options).toEqual({ greeting: 'hi', maxItems: 100 });
  });

  it('names an unknown plugin', async () => {
    expect(await problemsOf({ nosuch: {} })).toEqual([expect.stringMatching(/Unknown plugin "nosuch"/)]);
  });

  it("refuses the ids of the core's own socket namespaces", async () => {
    expect(await problemsOf({ panel: {}, visitor: {} })).toEqual([
      'Plugin "panel": the id is taken by the core\'s own socket namespace /panel; choose another',
      'Plugin "visitor": the id is taken by the core\'s own socket namespace /visitor; choose another',
    ]);
  });

  it('names the plugin and the field of an invalid option', async () => {
    const problems = await problemsOf({ hello: { options: { greeting: '', maxItems: -1 } } });
    expect(problems).toEqual([
      expect.stringMatching(/^Plugin "hello": option "greeting": /),
      expect.stringMatching(/^Plugin "hello": option "maxItems": /),
    ]);
  });

  it('refuses settings schemas that do not parse {} to defaults', async () => {
    expect(await problemsOf({ 'bad-settings': {} })).toEqual([expect.stringMatching(/^Plugin "bad-settings": settings.site must parse \{\} to its defaults, but name: /)]);
    expect((await resolve({ tuned: {} }))[0]!.manifest.settings?.site).toBeDefined();
  });

  it('refuses options for a plugin that takes none', async () => {
    expect(await problemsOf({ 'cycle-a': { options: { x: 1 } }, 'cycle-b': {} })).toContainEqual(
      expect.stringMatching(/Plugin "cycle-a": takes no options/),
    );
  });

  it('names a missing dependency', async () => {
    expect(await problemsOf({ 'needs-missing': {} })).toEqual([
      'Plugin "needs-missing": depends on "nonexistent", which is not enabled in plugins.config.ts',
    ]);
    expect(await problemsOf({ echo: {} })).toEqual([expect.stringMatching(/"echo": depends on "hello"/)]);
  });

  it('names a dependency cycle', async () => {
    expect(await problemsOf({ 'cycle-a': {}, 'cycle-b': {} })).toEqual(['Plugin "cycle-a": dependency cycle cycle-a → cycle-b → cycle-a']);
  });

  it('reads a plugin\'s own content types and fills in the ones it declares it reads', async () => {
    const book = { name: 'book', owner: 'shelf', pluralName: 'shelf-books', linked: ['account', 'readers'], linkedMany: ['readers'] };
    const plugins = await resolve({ shelf: {}, reader: {} });
    expect(plugins.find((p) => p.manifest.id === 'shelf')!.content).toEqual({ own: [book], reads: [] });
    expect(plugins.find((p) => p.manifest.id === 'reader')!.content).toEqual({ own: [], reads: [book] });
  });

  it('names a declared content type no configured plugin has', async () => {
    expect(await problemsOf({ reader: {} })).toEqual(['Plugin "reader": reads content type "book", which no configured plugin has in its content-types/']);
  });

  it('reports every problem at once', async () => {
    const problems = await problemsOf({ nosuch: {}, hello: { options: {} }, 'needs-missing': {} });
    expect(problems).toHaveLength(3);
  });
});
