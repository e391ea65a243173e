import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs nothing outside the process; `integration` runs against a real
 * Strapi and a real database — SQLite, or PostgreSQL when DB_ENGINE=postgres (the test command
 * runs it once per engine).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Unit tests live beside their code (plugins' server/, shared/ and widget/ parts too).
          include: [
            'core/src/**/*.test.ts',
            'core/test/unit/**/*.test.ts',
            'widget/test/**/*.test.ts',
            '{plugins,integrations}/*/{server,shared,widget}/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['core/test/integration/**/*.test.ts', 'plugins/*/test/**/*.test.ts', 'integrations/*/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['core/test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files share one Strapi; running them one at a time keeps the 2-core machine calm.
          fileParallelism: false,
        },
      },
    ],
  },
});
