import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found by walking up to the root package.json, so the same code works when
 * run from TypeScript sources (tests, tsx) and from the compiled tree under dist/server.
 */
function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'callpy') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Callpy repository root not found above ${start}`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot(import.meta.dirname);

/** Where plugin folders are looked up: compiled next to this module, or the sources. */
export const codeRoot = path.resolve(import.meta.dirname, '..', '..');
