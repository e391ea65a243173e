import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The sizes screenshots are taken at: the reference desktop, a laptop and a phone. */
export const SCREEN_SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'laptop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * Screenshots of the page at each size, in Russian and in English (`<name>-<lang>-<size>.png` in
 * `dir`), then back to Russian at the panel's size. `ready` waits for what the page must show;
 * `resized`, if given, for what must follow each new size (a frame of another process laid out anew).
 */
export async function shotsInBothLanguages(page: Page, dir: string, name: string, ready: () => Promise<void> = async () => undefined, resized?: () => Promise<void>): Promise<void> {
  for (const lang of ['ru', 'en'] as const) {
    // Back to the widest size first: on a phone a full-screen window (a call) may cover the switch.
    await page.setViewportSize(SCREEN_SIZES[0]!);
    await page.getByTestId(`lang-${lang}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await ready();
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      await resized?.();
      await page.screenshot({ path: path.join(dir, `${name}-${lang}-${size.name}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('lang-ru').click();
}

/**
 * Why a label is not shown whole, or null: its text overflows its box (scrollWidth/scrollHeight
 * beyond the client size, which ellipsis and hidden overflow leave behind), or its box reaches out
 * of `container` (the nearest ancestor matching that selector) or sideways out of the viewport.
 */
export async function clipOf(label: Locator, container?: string): Promise<string | null> {
  await label.waitFor();
  return label.evaluate((el, selector) => {
    const name = `«${(el.textContent || (el as HTMLInputElement).value || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40)}»`;
    if (el.scrollWidth > el.clientWidth + 1) return `${name} overflows sideways (${el.scrollWidth} > ${el.clientWidth})`;
    if (el.scrollHeight > el.clientHeight + 1) return `${name} overflows downwards (${el.scrollHeight} > ${el.clientHeight})`;
    const box = el.getBoundingClientRect();
    const outside = (outer: { left: number; top: number; right: number; bottom: number }) =>
      box.left < outer.left - 0.5 || box.top < outer.top - 0.5 || box.right > outer.right + 0.5 || box.bottom > outer.bottom + 0.5;
    const parent = selector ? el.parentElement?.closest(selector) : null;
    if (parent && outside(parent.getBoundingClientRect())) return `${name} sticks out of ${selector}`;
    // Sideways only: the page scrolls down to what is below the fold, never across.
    if (box.left < -0.5 || box.right > document.documentElement.clientWidth + 0.5) return `${name} sticks out of the screen`;
    return null;
  }, container);
}

/** Whether two elements' boxes share any area (one drawn over the other). */
export async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  const w = Math.min(x.x + x.width, y.x + y.width) - Math.max(x.x, y.x);
  const h = Math.min(x.y + x.height, y.y + y.height) - Math.max(x.y, y.y);
  return w > 0.5 && h > 0.5;
}

/**
 * Where a text wraps inside a word: the characters a new line starts after, other than a space,
 * `@`, `.` or `-` (an address may wrap after those). Measured on the rendered line boxes.
 */
export async function midWordBreaks(label: Locator): Promise<string[]> {
  return label.evaluate((el) => {
    const node = Array.from(el.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
    if (!node) return [];
    const text = node.textContent!;
    const range = document.createRange();
    const found: string[] = [];
    let top: number | undefined;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (!rect.height) continue;
      if (top !== undefined && rect.top > top + 1 && !' @.-'.includes(text[i - 1]!)) found.push(`${text.slice(Math.max(0, i - 8), i)}|${text.slice(i, i + 8)}`);
      top = rect.top;
    }
    return found;
  });
}
