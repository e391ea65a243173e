// Build steps, each skipped when its output is newer than every input file.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';

function newestMtime(paths, { skip = /node_modules|[/\\]dist[/\\]|\.angular|[/\\]\.tmp[/\\]/ } = {}) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p) || skip.test(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

const upToDate = (output, inputs) => fs.existsSync(output) && fs.statSync(output).mtimeMs >= newestMtime(inputs);

export async function buildAll(root, { strapiAdmin = false, env = {} } = {}) {
  const r = (...p) => path.join(root, ...p);
  const pluginDirs = ['plugins', 'integrations'].map((d) => r(d));
  const steps = [];
  if (!upToDate(r('dist/server/core/src/main.js'), [r('core/src'), ...pluginDirs, r('plugins.config.ts'), r('tsconfig.server.json')])) {
    fs.rmSync(r('dist/server'), { recursive: true, force: true });
    steps.push(['npx', ['tsc', '-p', 'tsconfig.server.json'], 'build core (tsc)']);
  }
  if (!upToDate(r('widget/dist/loader.js'), [r('widget/src'), r('widget/build.mjs'), ...pluginDirs])) {
    steps.push(['node', ['widget/build.mjs'], 'build widget (esbuild)']);
  }
  // The panel's plugin registry comes from plugins.config.ts; rewritten only when it changes. Loaded
  // here, not at the top: callers import this file before the npm packages (typescript) are installed.
  const { writePanelRegistry } = await import('./panel-registry.mjs');
  writePanelRegistry(root);
  if (!upToDate(r('admin-ui/dist/admin-ui/browser/index.html'), [r('admin-ui/src'), r('admin-ui/public'), r('admin-ui/angular.json'), r('plugins.config.ts'), ...pluginDirs])) {
    steps.push(['npx', ['ng', 'build'], 'build operator panel (Angular)', r('admin-ui')]);
  }
  const cmsInputs = [r('cms/src'), r('cms/config'), r('cms/scripts'), r('core/content-types'), ...pluginDirs];
  const cmsStamp = r('cms/dist/.callpy-built');
  if (strapiAdmin && !upToDate(r('cms/dist/build/index.html'), cmsInputs)) {
    // `strapi build` compiles the server too, so it replaces build:server.
    steps.push(['npm', ['run', 'build'], 'build CMS with its admin panel (Strapi, ~1 min)', r('cms'), cmsStamp]);
  } else if (!upToDate(cmsStamp, cmsInputs)) {
    steps.push(['npm', ['run', 'build:server'], 'build CMS server (tsc)', r('cms'), cmsStamp]);
  }
  for (const [cmd, args, label, cwd = root, stamp] of steps) {
    await run(cmd, args, { cwd, label, env });
    if (stamp) fs.writeFileSync(stamp, new Date().toISOString());
  }
}
