import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { attachments, message } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

/** Distance from the end of the scrolled conversation, in pixels. */
function gap(list: HTMLElement): number {
  return list.scrollHeight - list.scrollTop - list.clientHeight;
}

/** dlg-1 open, with enough messages to scroll. */
async function openLongDialog(h: ChatHarness): Promise<HTMLElement> {
  h.all('chat-dialog-item')[0]!.click();
  await h.settle();
  for (let i = 0; i < 12; i++) h.socket.push('message.created', message({ id: `m-more-${i}`, text: `Ещё вопрос номер ${i}: а если заказать два букета?`, createdAt: new Date(Date.now() - (60 - i) * 1000).toISOString() }));
  await h.settle();
  const list = h.q('chat-messages');
  expect(list.scrollHeight).toBeGreaterThan(list.clientHeight + 200);
  return list;
}

/** A picture the page has not loaded before (a cached one has its height at once). */
function freshPicture(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 400;
  canvas.height = 600;
  const g = canvas.getContext('2d')!;
  g.fillStyle = `hsl(${Math.floor(Math.random() * 360)} 70% 60%)`;
  g.fillRect(0, 0, 400, 600);
  return canvas.toDataURL('image/png');
}

function loaded(img: HTMLImageElement): Promise<unknown> {
  return img.complete && img.naturalHeight ? Promise.resolve() : new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
}

describe('Conversation: following new messages', () => {
  it('follows an incoming picture to its real end once it has its height, and keeps following after it', async () => {
    const h = await renderChat({ viewport: [1024, 768] });
    const list = await openLongDialog(h);
    expect(gap(list)).toBeLessThanOrEqual(2);

    h.socket.push('message.created', message({ id: 'm-photo', text: '', attachments: [{ ...attachments().image, id: 'a-photo', url: freshPicture() }], createdAt: new Date().toISOString() }));
    await h.settle();
    await loaded(list.querySelector<HTMLImageElement>('img[alt="букет.png"]')!);
    await h.settle();
    expect(gap(list)).toBeLessThanOrEqual(2);

    h.socket.push('message.created', message({ id: 'm-after', text: 'И открытку, пожалуйста', createdAt: new Date(Date.now() + 1000).toISOString() }));
    await h.settle();
    expect(list.textContent).toContain('И открытку, пожалуйста');
    expect(gap(list)).toBeLessThanOrEqual(2);
    expect(h.q('chat-new-messages')).toBeNull();
  });

  it('while the operator reads further up, a new message shows «Новые сообщения» instead of moving; a click goes down', async () => {
    const h = await renderChat({ viewport: [1024, 768] });
    const list = await openLongDialog(h);
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await h.settle();

    h.socket.push('message.created', message({ id: 'm-late', text: 'Вы тут?', createdAt: new Date().toISOString() }));
    await h.settle();
    expect(list.textContent).toContain('Вы тут?');
    expect(list.scrollTop).toBe(0);
    const marker = h.q<HTMLButtonElement>('chat-new-messages');
    expect(marker.textContent?.trim()).toBe('Новые сообщения');
    await page.screenshot({ path: '../../../../artifacts/screenshots/panel-chat-new-messages.png' });

    marker.click();
    await h.settle();
    expect(gap(list)).toBeLessThanOrEqual(2);
    expect(h.q('chat-new-messages')).toBeNull();
  });
});
