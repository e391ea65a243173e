import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appTestProviders, initI18n, resetBrowserState } from '../../testing/test-providers';
import { CodeBox } from './code-box';

const CODE = '<script src="https://chat.example/loader.js" data-callpy-key="pk_1" async></script>';

async function render() {
  const fixture = TestBed.createComponent(CodeBox);
  fixture.componentRef.setInput('code', CODE);
  fixture.componentRef.setInput('label', 'Anywhere on the page');
  fixture.componentRef.setInput('boxId', 'box-1');
  fixture.componentRef.setInput('testId', 'install-code-anywhere');
  fixture.componentRef.setInput('copyTestId', 'copy-anywhere');
  await fixture.whenStable();
  const button = fixture.debugElement.query(By.css('[data-testid="copy-anywhere"]')).nativeElement as HTMLButtonElement;
  const box = fixture.debugElement.query(By.css('[data-testid="install-code-anywhere"]')).nativeElement as HTMLTextAreaElement;
  return { fixture, button, box };
}

describe('CodeBox (install code copy)', () => {
  beforeEach(() => {
    resetBrowserState('en');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('shows the code read-only, as value and as text', async () => {
    const { box } = await render();
    expect(box.readOnly).toBe(true);
    expect(box.value).toBe(CODE);
    expect(box.textContent).toBe(CODE);
    expect(box.getAttribute('aria-label')).toBe('Anywhere on the page');
  });

  it('copies the exact code with navigator.clipboard and says "Copied", then resets', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const { fixture, button } = await render();
    expect(button.textContent?.trim()).toBe('Copy');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    button.click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(CODE));
    await vi.advanceTimersByTimeAsync(50);
    fixture.detectChanges();
    expect(button.textContent?.trim()).toBe('Copied');
    expect(fixture.nativeElement.querySelector('[aria-live]').textContent).toContain('Copied');

    await vi.advanceTimersByTimeAsync(2100);
    fixture.detectChanges();
    expect(button.textContent?.trim()).toBe('Copy');
  });

  it('falls back to execCommand when the Clipboard API is refused (plain-http self-hosting)', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    let copied = '';
    const exec = vi.spyOn(document, 'execCommand').mockImplementation(() => {
      // What the browser would copy: the selection of the helper textarea.
      const helper = document.querySelector<HTMLTextAreaElement>('body > textarea');
      copied = helper ? helper.value.slice(helper.selectionStart, helper.selectionEnd) : '';
      return true;
    });
    const { fixture, button } = await render();
    button.click();
    await vi.waitFor(() => expect(exec).toHaveBeenCalledWith('copy'));
    await fixture.whenStable();
    expect(copied).toBe(CODE);
    expect(button.textContent?.trim()).toBe('Copied');
  });

  it('when copying is impossible, says so and selects the code for Ctrl+C', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('no'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    const { fixture, button, box } = await render();
    button.click();
    await vi.waitFor(() => expect(fixture.nativeElement.querySelector('[data-testid="copy-failed"]')).not.toBeNull());
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[data-testid="copy-failed"]').textContent).toContain('Ctrl+C');
    expect(box.selectionStart).toBe(0);
    expect(box.selectionEnd).toBe(CODE.length);
    expect(document.querySelector('body > textarea')).toBeNull(); // the helper is cleaned up
  });
});
