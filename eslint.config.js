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
    files: ['widget/src/**', '**/widget/**', 'admin-ui/src/**', 'e2e/**'],
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
  {
    files: ['scripts/**', 'widget/build.mjs', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
