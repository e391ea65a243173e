import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { ToastService } from '../../../../admin-ui/src/app/plugin-api';
import type { QuickReplyDto } from '../../shared/chat.protocol';
import { REPLIES } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

const rows = (h: ChatHarness) => h.all('chat-reply-row').map((r) => r.querySelector('.row-text')!.textContent);
const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const toasts = () => TestBed.inject(ToastService).toasts().map((t) => t.key);

async function openReplies(h: ChatHarness): Promise<void> {
  h.q('chat-manage-replies').click();
  await h.settle();
}

describe('quick replies view (C11)', () => {
  it('opens from the chat header (and the picker), keeps the conversation underneath, and goes back', async () => {
    const h = await renderChat();
    h.all('chat-dialog-item')[0]!.click();
    await h.settle();
    type(h.q<HTMLTextAreaElement>('chat-input'), 'Черновик ответа');
    await openReplies(h);
    expect(TestBed.inject(Router).url).toBe('/?view=replies');
    expect(h.q('chat-view-title').textContent).toContain('Быстрые ответы');
    expect(h.q('chat-manage-replies').getAttribute('aria-current')).toBe('page');
    // The list is fetched again on opening: another tab of the operator may have changed it.
    expect(h.socket.requests('replies.list').length).toBe(2);
    expect(h.el.querySelector('.columns')!.checkVisibility()).toBe(false);

    h.q('chat-manage-back').click();
    await h.settle();
    expect(h.q('chat-reply-row')).toBeNull();
    expect(h.q<HTMLTextAreaElement>('chat-input').value).toBe('Черновик ответа');

    h.q('chat-replies').click();
    await h.settle();
    h.q('chat-replies-manage').click();
    await h.settle();
    expect(TestBed.inject(Router).url).toBe('/?view=replies');
    expect(h.all('chat-reply-row').length).toBe(REPLIES.length);
  });

  it('lists the replies with their use counts, most used first; sorts and searches', async () => {
    const h = await renderChat();
    await openReplies(h);
    expect(rows(h)).toEqual(['Здравствуйте! Чем могу помочь?', 'Спасибо за заказ! Курьер позвонит за час до доставки.', 'Доставка по городу — 350 ₽, от 5000 ₽ — бесплатно.']);
    expect(h.all('chat-reply-uses').map((u) => u.querySelector('strong')!.textContent)).toEqual(['42', '25', '17']);
    expect(h.q('chat-reply-uses').title).toBe('Использований: 42');
    expect(h.q('chat-replies-count').textContent).toContain('Всего: 3');

    const sort = h.q<HTMLSelectElement>('chat-replies-sort');
    sort.value = 'new';
    sort.dispatchEvent(new Event('change'));
    await h.settle();
    expect(rows(h)[0]).toContain('Спасибо за заказ');
    sort.value = 'text';
    sort.dispatchEvent(new Event('change'));
    await h.settle();
    expect(rows(h)[0]).toContain('Доставка');

    type(h.q<HTMLInputElement>('chat-replies-manage-search'), 'КУРЬЕР');
    await h.settle();
    expect(rows(h)).toEqual(['Спасибо за заказ! Курьер позвонит за час до доставки.']);
    type(h.q<HTMLInputElement>('chat-replies-manage-search'), 'самовывоз');
    await h.settle();
    expect(h.q('chat-replies-empty').textContent).toContain('Ничего не найдено');
  });

  it('creates a reply: empty and duplicate texts are refused before sending, the text goes trimmed', async () => {
    const h = await renderChat();
    await openReplies(h);
    const text = h.q<HTMLTextAreaElement>('chat-reply-form-text');
    h.q('chat-reply-form-save').click();
    await h.settle();
    expect(h.q('chat-reply-form-problem').textContent).toContain('Введите текст ответа');
    type(text, '   ');
    h.q('chat-reply-form-save').click();
    await h.settle();
    expect(h.q('chat-reply-form-problem').textContent).toContain('Введите текст ответа');
    type(text, '  Здравствуйте! Чем могу помочь?  ');
    await h.settle();
    expect(h.q('chat-reply-form-problem').textContent).toContain('Такой быстрый ответ у вас уже есть');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(h.socket.requests('replies.create')).toEqual([]);
    expect(text.getAttribute('maxlength')).toBe('2000');

    type(text, '  Букет соберём за 2 часа.  ');
    await h.settle();
    expect(h.q('chat-reply-form-problem')).toBeNull();
    h.q('chat-reply-form-save').click();
    await h.settle();
    const create = h.socket.last('replies.create')!;
    expect(create.payload).toEqual({ text: 'Букет соберём за 2 часа.' });
    create.ack({ ok: true, data: { id: 'r-9', text: 'Букет соберём за 2 часа.', uses: 0, createdAt: new Date().toISOString() } });
    await h.settle();
    expect(rows(h)).toContain('Букет соберём за 2 часа.');
    expect(text.value).toBe('');
    expect(toasts()).toContain('chat.manage.replies.created');
  });

  it('edits a reply (its uses stay) and shows a refusal in words', async () => {
    const h = await renderChat();
    await openReplies(h);
    h.all('chat-reply-edit')[2]!.click();
    await h.settle();
    expect(h.q('chat-reply-form-title').textContent).toContain('Изменить быстрый ответ');
    const text = h.q<HTMLTextAreaElement>('chat-reply-form-text');
    expect(text.value).toBe(REPLIES[1]!.text);
    expect(document.activeElement).toBe(text);
    // Its own text is no clash with itself.
    h.q('chat-reply-form-save').click();
    await h.settle();
    expect(h.socket.last('replies.update')?.payload).toEqual({ id: 'r-2', text: REPLIES[1]!.text });
    h.socket.last('replies.update')!.ack({ ok: false, error: { code: 'reply_exists', message: 'You already have a quick reply with this text' } });
    await h.settle();
    expect(h.q('chat-reply-form-error').textContent).toContain('Такой быстрый ответ у вас уже есть');

    type(text, 'Доставка по городу — 390 ₽.');
    h.q('chat-reply-form-save').click();
    await h.settle();
    const updated: QuickReplyDto = { ...REPLIES[1]!, text: 'Доставка по городу — 390 ₽.' };
    h.socket.last('replies.update')!.ack({ ok: true, data: updated });
    await h.settle();
    expect(rows(h)).toContain('Доставка по городу — 390 ₽.');
    expect(h.store.replies().find((r) => r.id === 'r-2')).toEqual(updated);
    expect(h.q('chat-reply-form-cancel')).toBeNull();

    // "New" from the list leaves an edit and puts the cursor into the empty form.
    h.all('chat-reply-edit')[0]!.click();
    await h.settle();
    h.q('chat-replies-new-entry').click();
    await h.settle();
    expect(h.q('chat-reply-form-title').textContent).toContain('Новый быстрый ответ');
    expect(text.value).toBe('');
    expect(document.activeElement).toBe(text);
  });

  it('deletes a reply after a confirmation; a refusal keeps it and says why', async () => {
    const h = await renderChat();
    await openReplies(h);
    h.all('chat-reply-remove')[0]!.click();
    await h.settle();
    const dialog = document.querySelector<HTMLDialogElement>('[data-testid="chat-reply-deletion-dialog"]')!;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('«Здравствуйте! Чем могу помочь?»');
    document.querySelector<HTMLElement>('[data-testid="chat-reply-deletion-confirm"]')!.click();
    await h.settle();
    const removal = h.socket.last('replies.delete')!;
    expect(removal.payload).toEqual({ id: 'r-1' });
    removal.ack({ ok: false, error: { code: 'not_found', message: 'No such quick reply' } });
    await h.settle();
    expect(h.q('chat-replies-manage-error').textContent).toContain('Не найдено');
    expect(rows(h).length).toBe(3);

    h.all('chat-reply-remove')[0]!.click();
    await h.settle();
    document.querySelector<HTMLElement>('[data-testid="chat-reply-deletion-confirm"]')!.click();
    await h.settle();
    h.socket.last('replies.delete')!.ack({ ok: true, data: null });
    await h.settle();
    expect(rows(h)).not.toContain('Здравствуйте! Чем могу помочь?');
    expect(dialog.open).toBe(false);
  });
});
