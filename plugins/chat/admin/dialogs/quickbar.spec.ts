import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { DEFAULT_OPERATOR_PREFERENCES, type OperatorPreferencesDto } from '../../shared/chat.protocol';
import { dialog } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

/** The quick bar's buttons, left to right, by action id. */
const bar = (h: ChatHarness) => [...h.q('chat-quickbar').querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset['action']);
/** The "more" menu's entries, by action id. */
const menu = (h: ChatHarness) => [...h.q('chat-more-menu').querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset['action']);
const saves = (h: ChatHarness) => h.socket.requests('preferences.save').map((r) => r.payload);

async function openDialog(h: ChatHarness): Promise<void> {
  h.all('chat-dialog-item')[0]!.click();
  await h.settle();
}

/** The server keeps what it is sent, as `preferences.save` does. */
function serveSaves(h: ChatHarness, start: OperatorPreferencesDto = DEFAULT_OPERATOR_PREFERENCES): void {
  let stored = start;
  h.socket.respond('preferences.save', (changes) => ({ ok: true, data: (stored = { ...stored, ...changes }) }));
}

/**
 * A real mouse drag (Playwright's pointer, trusted events): pressed on `source`, moved in steps to
 * `target` (at `at`, from its top left corner; its centre by default), released there; then the
 * preview glides into place (a .2 s transition) before the CDK reports the drop.
 */
async function drag(source: Element, target: Element, at?: { x: number; y: number }): Promise<void> {
  await userEvent.dragAndDrop(page.elementLocator(source), page.elementLocator(target), { steps: 8, ...(at ? { targetPosition: at } : {}) });
  await new Promise((resolve) => setTimeout(resolve, 400));
}

describe('quick buttons (C17)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the pinned actions as buttons and the rest in the menu; closing is always a button', async () => {
    const h = await renderChat();
    await openDialog(h);
    expect(bar(h)).toEqual(['transfer', 'important']);
    expect(h.q('chat-quick-transfer').querySelector('[data-testid="chat-transfer"]')).toBeTruthy();
    expect(h.q('chat-close')).toBeTruthy();
    h.q('chat-more').click();
    await h.settle();
    expect(menu(h)).toEqual(['rating', 'transcript', 'rename', 'block']);
    expect(h.q('chat-customise-quickbar')).toBeTruthy();
  });

  it('uses the operator\'s saved choice, and follows a change made in another browser', async () => {
    const h = await renderChat({ preferences: { ...DEFAULT_OPERATOR_PREFERENCES, quickActions: ['block', 'rating'] } });
    await openDialog(h);
    expect(bar(h)).toEqual(['block', 'rating']);
    h.socket.push('preferences.changed', { ...DEFAULT_OPERATOR_PREFERENCES, quickActions: ['transcript'] });
    await h.settle();
    expect(bar(h)).toEqual(['transcript']);
    h.q('chat-more').click();
    await h.settle();
    expect(menu(h)).toEqual(['transfer', 'important', 'rating', 'rename', 'block']);
  });

  it('without a mouse: pin, order and unpin from the settings panel; each change is saved', async () => {
    const h = await renderChat();
    await openDialog(h);
    serveSaves(h);
    h.q('chat-more').click();
    await h.settle();
    h.q('chat-customise-quickbar').click();
    await h.settle();
    expect(h.q('chat-quick-reset').hasAttribute('disabled')).toBe(true);

    h.q<HTMLInputElement>('chat-quick-toggle-rating').click();
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: ['transfer', 'important', 'rating'] });
    expect(bar(h)).toEqual(['transfer', 'important', 'rating']);

    h.q('chat-quick-left-rating').click();
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: ['transfer', 'rating', 'important'] });
    // Focus stays on the arrow of the moved action, so the key can be pressed again.
    expect(document.activeElement?.getAttribute('data-testid')).toBe('chat-quick-left-rating');
    h.q('chat-quick-left-rating').click();
    await h.settle();
    expect(bar(h)).toEqual(['rating', 'transfer', 'important']);
    // First in the bar: "left" is off, focus moves to "right".
    expect(h.q('chat-quick-left-rating').hasAttribute('disabled')).toBe(true);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('chat-quick-right-rating');
    h.q('chat-quick-right-transfer').click();
    await h.settle();
    expect(bar(h)).toEqual(['rating', 'important', 'transfer']);

    h.q<HTMLInputElement>('chat-quick-toggle-important').click();
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: ['rating', 'transfer'] });
    expect(bar(h)).toEqual(['rating', 'transfer']);

    h.q('chat-quick-reset').click();
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: DEFAULT_OPERATOR_PREFERENCES.quickActions });
    expect(bar(h)).toEqual(['transfer', 'important']);
  });

  it('drag: from the menu onto the bar pins, along the bar reorders, back onto the menu unpins', async () => {
    const h = await renderChat();
    await openDialog(h);
    serveSaves(h);
    h.q('chat-more').click();
    await h.settle();

    // Onto the right edge of the bar's last button: pinned at the end.
    const important = h.q('chat-quick-important');
    await drag(h.q('chat-request-rating'), important, { x: important.offsetWidth - 3, y: important.offsetHeight / 2 });
    await h.settle();
    expect(saves(h)).toEqual([{ quickActions: ['transfer', 'important', 'rating'] }]);
    expect(bar(h)).toEqual(['transfer', 'important', 'rating']);
    expect(menu(h)).toEqual(['transcript', 'rename', 'block']);

    // The first button dragged onto the last one's place.
    await drag(h.q('chat-transfer'), h.q('chat-quick-rating'));
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: ['important', 'rating', 'transfer'] });
    expect(bar(h)).toEqual(['important', 'rating', 'transfer']);

    // A quick button dropped on the open menu goes back into it.
    await drag(h.q('chat-important'), h.q('chat-rename'));
    await h.settle();
    expect(saves(h).at(-1)).toEqual({ quickActions: ['rating', 'transfer'] });
    expect(bar(h)).toEqual(['rating', 'transfer']);
    expect(menu(h)).toEqual(['important', 'transcript', 'rename', 'block']);
    // A drag is no click: no action ran.
    expect(h.socket.requests('dialog.important')).toEqual([]);
    expect(h.socket.requests('dialog.requestRating')).toEqual([]);
  });

  it('a change the server refuses is undone with a toast', async () => {
    const h = await renderChat();
    await openDialog(h);
    h.socket.respond('preferences.save', () => ({ ok: false, error: { code: 'validation_failed', message: 'quickActions: Each action can be pinned once' } }));
    h.q('chat-more').click();
    await h.settle();
    h.q('chat-customise-quickbar').click();
    await h.settle();
    h.q<HTMLInputElement>('chat-quick-toggle-block').click();
    await h.settle();
    expect(saves(h)).toEqual([{ quickActions: ['transfer', 'important', 'block'] }]);
    expect(bar(h)).toEqual(['transfer', 'important']);
    expect(TestBed.inject(ToastService).toasts().map((t) => t.key)).toContain('errors.codes.validation_failed');
  });

  it('a pinned action that does not apply to this dialog stays in its place, disabled', async () => {
    const h = await renderChat();
    h.socket.respond('dialog.close', ({ dialogId }) => ({ ok: true, data: dialog({ id: dialogId, status: 'closed', closedAt: new Date().toISOString() }) }));
    await openDialog(h);
    h.q('chat-close').click();
    await h.settle();
    expect(bar(h)).toEqual(['transfer', 'important']);
    expect(h.q<HTMLButtonElement>('chat-transfer').disabled).toBe(true);
    expect(h.q<HTMLButtonElement>('chat-important').disabled).toBe(false);
    expect(h.q('chat-close')).toBeNull();
  });
});
