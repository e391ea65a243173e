// esbuild's helper that builds a module namespace (`__export`) walks its argument with a bare
// for..in. On a host page that put an enumerable value on Object.prototype, that walk meets it and
// `Object.defineProperty(ns, key, { get: 'the value' })` throws: the chat never mounts. The helper
// is esbuild's, not ours, so the built files are patched: the walk takes own keys only.
import fs from 'node:fs';
import path from 'node:path';

const BARE_FOR_IN = /for\(var ([\w$]+) in ([\w$]+)\)([\w$]+)\(/g;

/** Patches every built .js file under `dir`; returns how many walks were guarded. */
export function guardForIn(dir) {
  let guarded = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const code = fs.readFileSync(file, 'utf8');
    const patched = code.replace(BARE_FOR_IN, (_, key, object, call) => {
      guarded++;
      return `for(var ${key} in ${object})Object.prototype.hasOwnProperty.call(${object},${key})&&${call}(`;
    });
    if (patched !== code) fs.writeFileSync(file, patched);
  }
  return guarded;
}
