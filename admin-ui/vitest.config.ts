/**
 * Vitest settings for `ng test` (the Angular unit-test builder merges these into its own project).
 * Tests run in real headless Chromium through Playwright, using the system browser
 * (CHROME_BIN, /usr/bin/chromium by default): no browser download is ever needed.
 */
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';

export default defineConfig({
  test: {
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
