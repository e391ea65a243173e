// Builds the embeddable widget: dist/loader.js (IIFE, tiny), dist/host-<hash>.js (the WidgetHost
// the loader imports: widget/src/host/), dist/preview.js (the design page's preview frame) and
// dist/plugins/<id>-<hash>.js (an ES module chunk per plugin with a widget/index.ts, its first
// stage; what it imports lazily becomes chunks of its own), with dist/manifest.json naming each file. The loader and the preview
// keep stable names (they are in install codes and pages); every other file's name carries a hash
// of its content, so the core can let browsers keep it for a year. Each file gets pre-compressed
// .br and .gz twins the core serves by Accept-Encoding. Usable as a script and as a function (tests
// pass extra plugin roots, e.g. fixtures).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { guardForIn } from './own-keys.mjs';

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(widgetDir, '..');
const hostEntry = path.join(widgetDir, 'src/host/start.ts');

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

/**
 * Widgets connect with `transports: ['websocket']` only (docs/decisions.md: WebSocket-only behind a
 * load balancer), so engine.io-client's long-polling and WebTransport code would ship to every
 * visitor unused (≈2 KB gzip of the chat chunk's 30 KB budget). Its table of default transports is
 * swapped for one holding the WebSocket transport alone, and its other transport modules are
 * marked free of side effects, so the bundler drops them when nothing uses them.
 */
const engineDir = /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]/;
const websocketOnly = {
  name: 'engine.io-websocket-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/transports\/index\.js$/ }, (args) =>
      engineDir.test(`${args.resolveDir}/`) ? { path: path.join(args.resolveDir, 'transports'), namespace: 'websocket-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'websocket-only' }, (args) => ({
      contents: 'import { WS } from "./websocket.js"; export const transports = { websocket: WS };',
      resolveDir: args.path,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/(transports\/)?(polling[\w.-]*|webtransport|websocket\.node)\.js$/ }, async (args) => {
      if (args.pluginData === 'websocket-only' || !engineDir.test(`${args.resolveDir}/`)) return undefined;
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'websocket-only' });
      return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path, namespace: resolved.namespace, sideEffects: false };
    });
  },
};

/** Writes <file>.br and <file>.gz next to each .js file, where they are smaller than the file. */
function precompress(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const raw = fs.readFileSync(file);
    const variants = {
      br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gz: gzipSync(raw, { level: 9 }),
    };
    for (const [ext, bytes] of Object.entries(variants)) if (bytes.length < raw.length) fs.writeFileSync(`${file}.${ext}`, bytes);
  }
}

export async function buildWidget({ outDir = path.join(widgetDir, 'dist'), roots = [repoRoot] } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const common = { bundle: true, minify: true, target: ['es2020'], legalComments: 'none', logLevel: 'warning' };
  const plugins = findWidgetEntries(roots);
  /**
   * @type {{ host: string, plugins: Record<string, string> }} The host chunk and each plugin id's entry file,
   * relative to outDir (what the core puts after /widget/).
   */
  const manifest = { host: '', plugins: {} };
  // One build for the host and every plugin, so what they share (socket.io-client's types, helpers) is one chunk.
  const { metafile } = await build({
    ...common,
    entryPoints: [{ in: hostEntry, out: 'host' }, ...plugins.map((p) => ({ in: p.entry, out: `plugins/${p.id}` }))],
    outdir: outDir,
    format: 'esm',
    splitting: true,
    plugins: [websocketOnly],
    entryNames: '[dir]/[name]-[hash]',
    chunkNames: 'plugins/chunks/[name]-[hash]',
    metafile: true,
  });
  for (const [out, meta] of Object.entries(metafile.outputs)) {
    // Lazy chunks (import()) are entry points too: only the host's and the plugins' own count.
    const entry = meta.entryPoint && path.resolve(meta.entryPoint);
    const file = path.relative(outDir, path.resolve(out)).split(path.sep).join('/');
    const plugin = plugins.find((p) => path.resolve(p.entry) === entry);
    if (plugin) manifest.plugins[plugin.id] = file;
    else if (entry === hostEntry) manifest.host = file;
  }
  await build({ ...common, entryPoints: [path.join(widgetDir, 'src/loader.ts')], outfile: path.join(outDir, 'loader.js'), format: 'iife', define: { __CALLPY_HOST__: JSON.stringify(manifest.host) } });
  // The design page's preview frame (served by the core at /widget/preview): it mounts the plugins that have a preview part (widget/preview.ts).
  const previewed = plugins.filter((p) => fs.existsSync(path.join(path.dirname(p.entry), 'preview.ts'))).map((p) => ({ id: p.id, url: manifest.plugins[p.id] }));
  await build({
    ...common,
    entryPoints: [path.join(widgetDir, 'src/preview.ts')],
    outfile: path.join(outDir, 'preview.js'),
    format: 'esm',
    define: { __CALLPY_HOST__: JSON.stringify(manifest.host), __CALLPY_PREVIEWED__: JSON.stringify(previewed) },
  });
  // A change of esbuild's output must not lose the guard silently.
  if (guardForIn(outDir).unguarded > 0) throw new Error('widget build: an esbuild namespace helper could not be guarded (widget/own-keys.mjs)');
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  precompress(outDir);
  return { outDir, plugins: plugins.map((p) => p.id), manifest };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outDir, plugins } = await buildWidget();
  console.log(`widget built into ${path.relative(process.cwd(), outDir)} (plugins: ${plugins.join(', ') || 'none'})`);
}
