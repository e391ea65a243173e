import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'cms/**',
      'admin-ui/.angular/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['widget/src/**', '**/widget/**', 'plugins/*/browser/**', 'integrations/*/browser/**', 'admin-ui/src/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // A plugin's panel part reaches the panel through its public plugin API only, and no other
    // plugin's panel part at all (their shared/ contracts and service refs are fine).
    files: ['plugins/*/admin/**', 'integrations/*/admin/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'admin-ui/src/app/(?!plugin-api$)',
              message: "Import the panel's shared parts from admin-ui/src/app/plugin-api (the public plugin API).",
            },
            {
              regex: '^(\\.\\./)+(?:(?:plugins|integrations)/)?[^./][^/]*/admin(/|$)',
              message: "A plugin's panel part does not import another plugin's admin/; use that plugin's shared/ contract or a slot.",
            },
          ],
        },
      ],
    },
  },
  // Issue 10 item 6: a plugin's server part enters the core by its one door, core/src/index.ts;
  // shared/ (contracts for browsers, service refs for servers) also takes the core's *.contract.ts
  // types and error codes; widget parts, which run on visitors' pages, take only those. None of
  // them imports another plugin's server/, admin/ or widget/: only its shared/ part.
  pluginImports(['plugins/*/plugin.ts', 'plugins/*/server/**', 'integrations/*/plugin.ts', 'integrations/*/server/**'], ['index'], "Import the core's public surface from core/src/index.js (the only door into core/src)."),
  pluginImports(['plugins/*/shared/**', 'integrations/*/shared/**'], ['index', 'contracts'], "A plugin's shared/ part takes from core/src its index.js, *.contract.ts types and error codes only."),
  pluginImports(['plugins/*/widget/**', 'integrations/*/widget/**'], ['contracts'], "A plugin's widget/ part takes from core/src only its *.contract.ts types and error codes."),
  // browser/: code a plugin's widget and panel parts share (the calls' peer connection); it runs on visitors' pages too.
  pluginImports(['plugins/*/browser/**', 'integrations/*/browser/**'], ['contracts'], "A plugin's browser/ part runs in the widget too: it takes from core/src only *.contract.ts types and error codes."),
  {
    files: ['scripts/**', 'widget/build.mjs', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);

/** The import rule of one kind of plugin part: which doors into core/src it may use (see above). */
function pluginImports(files, doors, message) {
  const allowed = { index: 'index(\\.js)?$', contracts: '.*\\.contract(\\.js)?$|http/error-codes(\\.js)?$' };
  const otherPlugin = '^(\\.\\./)+(?:(?:plugins|integrations)/)?[^./][^/]*/(server|admin|widget)(/|$)';
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `core/src/(?!${doors.map((d) => allowed[d]).join('|')})`, message },
            { regex: otherPlugin, message: "Another plugin is reached through its shared/ part (events, service refs), never its server/, admin/ or widget/." },
          ],
        },
      ],
    },
  };
}
