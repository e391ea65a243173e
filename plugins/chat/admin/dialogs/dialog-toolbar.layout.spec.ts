import { describe, expect, it } from 'vitest';
import { VISITORS, conversation, dialogs } from '../testing/chat-fixtures';
import { renderChat } from '../testing/chat-test-bed';

/** Whether two boxes share any area. */
const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

describe('the open dialog\'s status line (issue 9, item 10)', () => {
  for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]] as const) {
    it(`keeps «Закрыт», «Заблокирован» and the rating clear of the toolbar's buttons at ${width}×${height}`, async () => {
      const h = await renderChat({ viewport: [width, height] });
      const list = dialogs();
      // Everything the line can hold at once: activity, closed, blocked, rating, page.
      h.socket.respond('dialog.open', ({ dialogId }) => ({
        ok: true as const,
        data: { dialog: { ...list.find((d) => d.id === dialogId)!, status: 'closed' as const, rating: 4 }, visitor: { ...VISITORS[0]!, blocked: true }, messages: conversation() },
      }));
      h.all('chat-dialog-item')[0]!.click();
      await h.settle();
      const toolbar = h.el.querySelector<HTMLElement>('cp-dialog-toolbar')!;
      const who = toolbar.querySelector('.who')!.getBoundingClientRect();
      const actions = toolbar.querySelector('.actions')!.getBoundingClientRect();
      const badges = [...toolbar.querySelectorAll<HTMLElement>('.who p > .badge')];
      expect(badges.map((b) => b.textContent!.trim())).toEqual(['Закрыт', 'Заблокирован', '★ 4']);
      for (const part of [toolbar.querySelector<HTMLElement>('.who p > .activity')!, ...badges]) {
        const box = part.getBoundingClientRect();
        expect({ part: part.textContent!.trim(), inside: box.left >= who.left - 0.5 && box.right <= who.right + 0.5, underButtons: meet(box, actions) })
          .toEqual({ part: part.textContent!.trim(), inside: true, underButtons: false });
      }
    });
  }
});
