// esbuild's helper that builds a module namespace (`__export`) walks its argument with a bare
// for..in. On a host page that put an enumerable value on Object.prototype, that walk meets it and
// `Object.defineProperty(ns, key, { get: 'the value' })` throws: the chat never mounts. The helper
// is esbuild's, not ours, so the built files are patched: the walk takes own keys only.
import fs from 'node:fs';
import path from 'node:path';

const BARE_FOR_IN = /for\(var ([\w$]+) in ([\w$]+)\)([\w$]+)\(/g;
/** The getter the helper defines for each key: there is one per helper, whatever its walk looks like. */
const NAMESPACE_GETTER = /\{get:([\w$]+)\[([\w$]+)\],enumerable:!0\}/g;
const GUARD = 'Object.prototype.hasOwnProperty.call(';

/**
 * Patches every built .js file under `dir`. Returns how many walks were guarded and how many
 * namespace helpers were left unguarded (esbuild changed the helper's shape: the build must fail).
 */
export function guardForIn(dir) {
  let guarded = 0;
  let unguarded = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const code = fs.readFileSync(file, 'utf8');
    const patched = code.replace(BARE_FOR_IN, (_, key, object, call) => {
      guarded++;
      return `for(var ${key} in ${object})Object.prototype.hasOwnProperty.call(${object},${key})&&${call}(`;
    });
    if (patched !== code) fs.writeFileSync(file, patched);
    unguarded += Math.max(0, (patched.match(NAMESPACE_GETTER) ?? []).length - patched.split(GUARD).length + 1);
  }
  return { guarded, unguarded };
}
