// Builds the embeddable widget: dist/loader.js (IIFE, tiny) and dist/plugins/<id>.js (an ES module
// chunk per plugin with a widget/index.ts). Usable as a script and as a function (tests pass extra
// plugin roots, e.g. fixtures).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(widgetDir, '..');

/** Every `<root>/{plugins,integrations}/<id>/widget/index.ts`. */
export function findWidgetEntries(roots) {
  const entries = [];
  for (const root of roots) {
    for (const folder of ['plugins', 'integrations', '.']) {
      const dir = path.join(root, folder);
      if (!fs.existsSync(dir)) continue;
      for (const id of fs.readdirSync(dir)) {
        const entry = path.join(dir, id, 'widget', 'index.ts');
        if (fs.existsSync(entry)) entries.push({ id, entry });
      }
    }
  }
  return entries;
}

export async function buildWidget({ outDir = path.join(widgetDir, 'dist'), roots = [repoRoot] } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const common = { bundle: true, minify: true, target: ['es2020'], legalComments: 'none', logLevel: 'warning' };
  await build({ ...common, entryPoints: [path.join(widgetDir, 'src/loader.ts')], outfile: path.join(outDir, 'loader.js'), format: 'iife' });
  const plugins = findWidgetEntries(roots);
  if (plugins.length) {
    await build({
      ...common,
      entryPoints: Object.fromEntries(plugins.map((p) => [p.id, p.entry])),
      outdir: path.join(outDir, 'plugins'),
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    });
  }
  return { outDir, plugins: plugins.map((p) => p.id) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outDir, plugins } = await buildWidget();
  console.log(`widget built into ${path.relative(process.cwd(), outDir)} (plugins: ${plugins.join(', ') || 'none'})`);
}
