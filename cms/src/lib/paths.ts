import fs from 'node:fs';
import path from 'node:path';

/**
 * The Callpy repository root: the folder holding cms/ and core/.
 *
 * Compiled code runs from cms/dist/..., sources from cms/..., and tests may point Strapi at
 * a scratch tree, so we walk up from this file instead of trusting process.cwd().
 * CALLPY_REPO_ROOT overrides the search.
 */
export function repoRoot(): string {
  const fromEnv = process.env.CALLPY_REPO_ROOT;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = __dirname;
  for (;;) {
    if (
      fs.existsSync(path.join(dir, 'cms', 'package.json')) &&
      fs.existsSync(path.join(dir, 'core'))
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `[callpy cms] Cannot find the Callpy repository root above ${__dirname} ` +
          '(a folder with cms/package.json and core/). Set CALLPY_REPO_ROOT.',
      );
    }
    dir = parent;
  }
}
