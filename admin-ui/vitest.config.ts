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
        // Tests click with element.click(), which is no user gesture: without this flag WebAudio
        // stays suspended and a call recording (MediaRecorder over a WebAudio mix) records nothing.
        launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'] },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
