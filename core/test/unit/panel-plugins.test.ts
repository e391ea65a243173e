import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { configuredIds, registrySource } from '../../../scripts/lib/panel-registry.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** A throwaway repository root with this config and these `<folder>/<id>/admin/manifest.ts` files. */
function fixtureRoot(config: string, manifests: string[], plain: string[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-registry-'));
  fs.writeFileSync(path.join(root, 'plugins.config.ts'), config);
  for (const dir of manifests) {
    fs.mkdirSync(path.join(root, dir, 'admin'), { recursive: true });
    fs.writeFileSync(path.join(root, dir, 'admin', 'manifest.ts'), 'export default {};\n');
  }
  for (const dir of plain) fs.mkdirSync(path.join(root, dir, 'server'), { recursive: true });
  return root;
}

describe("the panel's plugin registry (generated from plugins.config.ts)", () => {
  it('reads the plugin and integration ids the config names, quoted or not, whatever their options', () => {
    const ids = configuredIds(`export default definePluginsConfig({
      plugins: { chat: {}, 'goals': { options: { plugins: { nested: {} } } }, "calls": {} },
      integrations: { amo: { options: {} } },
    });`);
    expect(ids).toEqual({ plugins: ['chat', 'goals', 'calls'], integrations: ['amo'] });
  });

  it('imports the manifest of each configured plugin that has a panel part, in config order', () => {
    const root = fixtureRoot(
      `export default definePluginsConfig({ plugins: { goals: {}, chat: {}, serveronly: {} }, integrations: { crm: {} } });`,
      ['plugins/chat', 'plugins/goals', 'plugins/unlisted', 'integrations/crm'],
      ['plugins/serveronly'],
    );
    const source = registrySource(root);
    expect(source).toContain("import plugin_goals from '../../../../plugins/goals/admin/manifest';");
    expect(source).toContain("import plugin_crm from '../../../../integrations/crm/admin/manifest';");
    expect(source).toContain('export const PANEL_PLUGINS: readonly PanelPluginManifest[] = [plugin_goals, plugin_chat, plugin_crm];');
    // Not configured, or without admin/: not in the panel.
    expect(source).not.toContain('unlisted');
    expect(source).not.toContain('serveronly');
  });
});

describe("a plugin's panel part reaches the panel through the public plugin API only (lint)", () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('allows the public module, its own files, shared contracts and the panel test helpers', async () => {
    const code = [
      "import { ToastService } from '../../../admin-ui/src/app/plugin-api';",
      "import { x } from './goals-store';",
      "import type { ChatEvent } from '../../chat/shared/chat.protocol';",
      "import { appTestProviders } from '../../../admin-ui/src/testing/test-providers';",
      'void [ToastService, x, appTestProviders];',
      'export type T = ChatEvent;',
    ].join('\n');
    expect(await lint('plugins/goals/admin/some.ts', code)).toEqual([]);
  });

  it("refuses the panel's internals and another plugin's admin part", async () => {
    expect(await lint('plugins/goals/admin/some.ts', "import { ToastService } from '../../../admin-ui/src/app/shared/toast.service';\nvoid ToastService;")).toHaveLength(1);
    expect(await lint('plugins/goals/admin/testing/x.ts', "import { AuthService } from '../../../../admin-ui/src/app/core/auth.service';\nvoid AuthService;")).toHaveLength(1);
    expect(await lint('plugins/goals/admin/some.ts', "import { ChatStore } from '../../chat/admin/background/chat-store';\nvoid ChatStore;")).toHaveLength(1);
    // The panel itself is not bound by the rule.
    expect(await lint('admin-ui/src/app/shell/x.ts', "import { ToastService } from '../shared/toast.service';\nvoid ToastService;")).toEqual([]);
  });

  it('holds one folder deeper, where a panel part groups its files by screen (plugins/chat/admin/<screen>/)', async () => {
    const own = [
      "import { ToastService } from '../../../../admin-ui/src/app/plugin-api';",
      "import { DialogList } from '../dialogs/dialog-list.component';",
      "import { CHAT_LIMITS } from '../../shared/chat.protocol';",
      "import { dialog } from '../testing/chat-fixtures';",
      'void [ToastService, DialogList, CHAT_LIMITS, dialog];',
    ].join('\n');
    expect(await lint('plugins/chat/admin/workplace/x.ts', own)).toEqual([]);
    expect(await lint('plugins/chat/admin/workplace/x.ts', "import { AuthService } from '../../../../admin-ui/src/app/core/auth.service';\nvoid AuthService;")).toHaveLength(1);
    expect(await lint('plugins/chat/admin/workplace/x.ts', "import { x } from '../../../goals/admin/goals-store';\nvoid x;")).toHaveLength(1);
  });
});

describe("a plugin's server, shared and widget parts enter the core by its door and reach other plugins by shared/ only (lint)", () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const restricted = async (file: string, line: string) => {
    const [result] = await eslint.lintText(`${line}\nvoid x;\n`, { filePath: path.join(repoRoot, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  it('server parts: core/src/index.js and shared/ parts, nothing deeper', async () => {
    expect(await restricted('plugins/goals/server/a.ts', "import { x } from '../../../core/src/index.js';")).toBe(0);
    expect(await restricted('plugins/goals/server/a.ts', "import { x } from '../../chat/shared/chat.services.js';")).toBe(0);
    expect(await restricted('plugins/goals/server/a.ts', "import { x } from './hits.service.js';")).toBe(0);
    expect(await restricted('plugins/goals/server/a.ts', "import { x } from '../../../core/src/http/http-error.js';")).toBe(1);
    expect(await restricted('plugins/goals/plugin.ts', "import { x } from '../../core/src/kernel/kernel-error.js';")).toBe(1);
    expect(await restricted('plugins/goals/server/a.ts', "import { x } from '../../chat/server/messages.service.js';")).toBe(1);
    expect(await restricted('plugins/goals/plugin.ts', "import { x } from '../chat/widget/index.js';")).toBe(1);
  });

  it('shared and widget parts: contracts only', async () => {
    expect(await restricted('plugins/chat/shared/a.ts', "import { x } from '../../../core/src/index.js';")).toBe(0);
    expect(await restricted('plugins/chat/shared/a.ts', "import { x } from '../../../core/src/sites/site-settings.contract.js';")).toBe(0);
    expect(await restricted('plugins/chat/shared/a.ts', "import { x } from '../../../core/src/store/database.js';")).toBe(1);
    expect(await restricted('plugins/goals/widget/a.ts', "import { x } from '../../../core/src/index.js';")).toBe(1);
    expect(await restricted('plugins/goals/widget/a.ts', "import { x } from '../../chat/widget/view.js';")).toBe(1);
    expect(await restricted('plugins/goals/widget/a.ts', "import { x } from '../shared/goals.protocol.js';")).toBe(0);
  });
});
