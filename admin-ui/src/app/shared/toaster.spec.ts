import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { appTestProviders, initI18n, resetBrowserState } from '../../testing/test-providers';
import { ToastService } from './toast.service';
import { Toaster } from './toaster';

/**
 * Toasts never cover a primary button (issue 9, item 10). The panel puts its primary actions at the
 * right: form feet, dialog actions, the chat's send button at the bottom right of the conversation.
 */
describe('Toaster', () => {
  const placed: HTMLElement[] = [];
  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
  });
  afterEach(() => placed.splice(0).forEach((el) => el.remove()));

  /** A primary button where the panel puts them, fixed to the viewport. */
  function primaryAt(style: Partial<CSSStyleDeclaration>): HTMLElement {
    const button = document.createElement('button');
    button.className = 'btn btn-primary';
    button.textContent = 'Отправить';
    Object.assign(button.style, { position: 'fixed', width: '140px', height: '40px', ...style });
    document.body.append(button);
    placed.push(button);
    return button;
  }

  const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  async function shownToasts(): Promise<{ rects: DOMRect[]; done: () => void }> {
    const fixture = TestBed.createComponent(Toaster);
    document.body.append(fixture.nativeElement as HTMLElement);
    const toasts = TestBed.inject(ToastService);
    toasts.show('error', 'errors.generic');
    toasts.show('success', 'errors.generic', { n: 2 });
    toasts.show('info', 'errors.generic', { n: 3 });
    await fixture.whenStable();
    const rects = [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="toast"]')].map((t) => t.getBoundingClientRect());
    return { rects, done: () => (fixture.nativeElement as HTMLElement).remove() };
  }

  for (const [width, height] of [[1280, 800], [1024, 768]] as const) {
    it(`keeps its toasts off the primary buttons at the right, bottom and top (${width}×${height})`, async () => {
      await page.viewport(width, height);
      const buttons = [primaryAt({ right: '16px', bottom: '16px' }), primaryAt({ right: '24px', bottom: '72px' }), primaryAt({ right: '24px', top: '72px' })];
      const { rects, done } = await shownToasts();
      expect(rects).toHaveLength(3);
      for (const button of buttons) for (const toast of rects) expect(overlap(toast, button.getBoundingClientRect()), button.style.cssText).toBe(false);
      done();
    });
  }

  it('on a phone keeps its toasts off the composer and the form feet at the bottom (390×844)', async () => {
    await page.viewport(390, 844);
    const buttons = [primaryAt({ right: '16px', bottom: '16px' }), primaryAt({ left: '16px', bottom: '16px' }), primaryAt({ left: '16px', bottom: '72px' })];
    const { rects, done } = await shownToasts();
    for (const button of buttons) for (const toast of rects) expect(overlap(toast, button.getBoundingClientRect()), button.style.cssText).toBe(false);
    done();
  });
});
