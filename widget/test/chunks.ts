import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** What a budget counts: gzip -9 (the unit), and brotli as the core serves it (build.mjs's .br twins). */
export const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
export const br = (file: string) => brotliCompressSync(fs.readFileSync(file), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** esbuild hoists an ES module's static imports to its head: `import{a as b}from"./x.js";import"./y.js";`. */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const head = /^\s*(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']([^"']+)["'];?/;
  let rest = code;
  for (let m = head.exec(rest); m; m = head.exec(rest)) {
    found.push(path.resolve(path.dirname(file), m[1]!));
    rest = rest.slice(m[0].length);
  }
  return found;
}

/** The entry and every chunk it pulls in statically, i.e. what the browser must fetch before it runs (its lazy `import()`s not). */
export function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    staticImports(f).forEach(visit);
  };
  visit(entry);
  return [...seen];
}
