import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { panelAs } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Issue 9, item 10: every panel page fits 1024×768 and 768×1024 without horizontal scrolling and
 * without clipped buttons, links or headings; screenshots at those sizes, 1280×800 and a phone.
 */
fs.mkdirSync(screenshotDir, { recursive: true });

const pages = (siteId: string) => ({
  home: '/home',
  sites: '/sites',
  design: `/sites/${siteId}/design`,
  settings: `/sites/${siteId}/settings`,
  team: '/team',
  departments: '/departments',
  schedules: '/schedules',
  profile: '/profile',
  chat: '/p/chat',
});

const sizes = [
  { width: 1024, height: 768, checked: true },
  { width: 768, height: 1024, checked: true },
  { width: 1280, height: 800, checked: false },
  { width: 390, height: 844, checked: false },
];

test('every panel page fits the screen: no horizontal scrolling, no clipped labels', async ({ browser }) => {
  test.setTimeout(180_000);
  const { admin, demoSite, coreUrl } = stack();
  const panel = await panelAs(browser, admin);
  const { page } = panel;
  const problems: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const [name, url] of Object.entries(pages(demoSite.id))) {
      await page.goto(`${coreUrl}${url}`);
      // The page has rendered its heading (the chat page hides it on a phone, so attached, not visible).
      await expect(page.locator('main h1').first()).toBeAttached();
      // Measured once loaded: no skeleton left (they carry aria-busy), and the sites list is there.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      if (name === 'sites') await expect(page.getByTestId('site-row').first()).toBeVisible();
      await page.screenshot({ path: path.join(screenshotDir, `layout-${name}-${size.width}x${size.height}.png`) });
      if (!size.checked) continue;
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const root = document.scrollingElement!;
        if (root.scrollWidth > root.clientWidth) out.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, a, h1, h2, label, .badge, .code-box, [data-testid$="-name"]'))) {
          if (!el.offsetParent || !el.textContent?.trim()) continue;
          const style = getComputedStyle(el);
          if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
          if (el.scrollWidth > el.clientWidth + 1) out.push(`clipped: «${el.textContent.trim().slice(0, 40)}»`);
        }
        return out;
      });
      problems.push(...found.map((p) => `${name} ${size.width}×${size.height}: ${p}`));
    }
  }
  expect(problems).toEqual([]);
  expect(panel.errors).toEqual([]);
  await panel.context.close();
});
