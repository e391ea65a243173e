import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { renderChat } from '../testing/chat-test-bed';

/** C10 editing: the editor stays inside the conversation column at every panel size. */
describe('MessageItem: editing a sent message', () => {
  for (const viewport of [[1280, 800], [1024, 768], [390, 844]] as const) {
    it(`keeps the editor inside the column at ${viewport.join('×')}`, async () => {
      const h = await renderChat({ viewport: [...viewport] });
      h.all('chat-dialog-item')[0]!.click();
      await h.settle();
      const own = h.all('chat-message').filter((m) => m.classList.contains('own') && m.querySelector('[data-testid="chat-message-edit"]'));
      own.at(-1)!.querySelector<HTMLButtonElement>('[data-testid="chat-message-edit"]')!.click();
      await h.settle();

      const list = h.q('chat-messages');
      const editor = h.q<HTMLTextAreaElement>('chat-message-editor');
      const box = list.getBoundingClientRect();
      const padding = parseFloat(getComputedStyle(list).paddingLeft);
      const edit = editor.closest('.bubble')!.getBoundingClientRect();
      expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth);
      expect(edit.left).toBeGreaterThanOrEqual(box.left + padding - 1);
      expect(edit.right).toBeLessThanOrEqual(box.left + list.clientWidth - padding + 1);
      // Wide enough to edit in: most of the column, not a sliver.
      expect(edit.width).toBeGreaterThan((list.clientWidth - 2 * padding) * 0.6);
      expect(editor.value.length).toBeGreaterThan(0);
      // For review (relative to this file: the repository's artifacts/screenshots/).
      await page.screenshot({ path: `../../../../artifacts/screenshots/panel-chat-edit-${viewport.join('x')}.png` });
    });
  }
});
