import { describe, expect, it } from 'vitest';
import type { TemplateDto } from '../../shared/chat.protocol';
import { TEMPLATES } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

const names = (h: ChatHarness) => h.all('chat-template-row').map((r) => r.querySelector('.row-name')!.textContent);
const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const row = (h: ChatHarness, id: string) => h.el.querySelector<HTMLElement>(`[data-testid="chat-template-row"][data-template-id="${id}"]`)!;

async function openTemplates(options: Parameters<typeof renderChat>[0] = {}): Promise<ChatHarness> {
  const h = await renderChat(options);
  h.q('chat-manage-templates').click();
  await h.settle();
  return h;
}

describe('templates view (C12)', () => {
  it('lists the account\'s templates by name with author and date; searches name and text', async () => {
    const h = await openTemplates();
    expect(names(h)).toEqual(['Напоминание об оплате', 'Реквизиты']);
    expect(row(h, 't-1').textContent).toContain('Автор: Иван Петров');
    // Written before authors were kept: no author line.
    expect(row(h, 't-2').textContent).not.toContain('Автор');
    type(h.q<HTMLInputElement>('chat-templates-manage-search'), 'инн');
    await h.settle();
    expect(names(h)).toEqual(['Реквизиты']);
  });

  it('an operator changes only their own templates', async () => {
    const operator = await openTemplates({ user: { role: 'operator' } });
    expect(operator.all('chat-template-row-edit')).toEqual([]);
    expect(operator.all('chat-template-read-only').length).toBe(2);
    operator.socket.push('templates.changed', [...TEMPLATES, { id: 't-5', name: 'Мой шаблон', text: 'Текст', updatedAt: new Date().toISOString(), authorId: 1 }]);
    await operator.settle();
    expect(row(operator, 't-5').querySelector('[data-testid="chat-template-row-edit"]')).toBeTruthy();
    expect(operator.all('chat-template-row-edit').length).toBe(1);
  });

  it('an admin changes every template of the account', async () => {
    const admin = await openTemplates({ user: { role: 'admin' } });
    expect(admin.all('chat-template-row-edit').length).toBe(2);
    expect(admin.all('chat-template-row-delete').length).toBe(2);
  });

  it('creates a template: name and text required, the name unique in any case; trimmed on the wire', async () => {
    const h = await openTemplates({ user: { role: 'operator' } });
    const name = h.q<HTMLInputElement>('chat-template-form-name');
    const text = h.q<HTMLTextAreaElement>('chat-template-form-text');
    h.q('chat-template-form-save').click();
    await h.settle();
    expect(h.q('chat-template-form-name-problem').textContent).toContain('Введите название шаблона');
    expect(h.q('chat-template-form-text-problem').textContent).toContain('Введите текст сообщения');
    expect(document.activeElement).toBe(name);
    type(name, '  реквизиты ');
    type(text, 'Наши реквизиты');
    await h.settle();
    expect(h.q('chat-template-form-name-problem').textContent).toContain('Шаблон с таким названием уже есть');
    expect(h.q('chat-template-form-text-problem')).toBeNull();
    h.q('chat-template-form-save').click();
    await h.settle();
    expect(h.socket.requests('templates.save')).toEqual([]);
    expect([name.getAttribute('maxlength'), text.getAttribute('maxlength')]).toEqual(['100', '5000']);

    type(name, '  Самовывоз ');
    type(text, ' Забрать заказ можно на Лиговском, 10. ');
    h.q('chat-template-form-save').click();
    await h.settle();
    const save = h.socket.last('templates.save')!;
    expect(save.payload).toEqual({ name: 'Самовывоз', text: 'Забрать заказ можно на Лиговском, 10.' });
    // A colleague took the name a moment ago: the server's refusal, in the form's words.
    save.ack({ ok: false, error: { code: 'name_taken', message: 'A template with this name already exists' } });
    await h.settle();
    expect(h.q('chat-template-form-error').textContent).toContain('Шаблон с таким названием уже есть');

    h.q('chat-template-form-save').click();
    await h.settle();
    const created: TemplateDto = { id: 't-7', name: 'Самовывоз', text: 'Забрать заказ можно на Лиговском, 10.', updatedAt: new Date().toISOString(), authorId: 1 };
    h.socket.last('templates.save')!.ack({ ok: true, data: created });
    await h.settle();
    expect(names(h)).toEqual(['Напоминание об оплате', 'Реквизиты', 'Самовывоз']);
    expect(name.value).toBe('');
  });

  it('an admin edits a colleague\'s template and deletes one after a confirmation', async () => {
    const h = await openTemplates();
    row(h, 't-1').querySelector<HTMLElement>('[data-testid="chat-template-row-edit"]')!.click();
    await h.settle();
    expect(h.q('chat-template-form-title').textContent).toContain('Шаблон «Напоминание об оплате»');
    const text = h.q<HTMLTextAreaElement>('chat-template-form-text');
    type(text, 'Счёт нужно оплатить до пятницы.');
    h.q('chat-template-form-save').click();
    await h.settle();
    const save = h.socket.last('templates.save')!;
    expect(save.payload).toEqual({ id: 't-1', name: 'Напоминание об оплате', text: 'Счёт нужно оплатить до пятницы.' });
    save.ack({ ok: false, error: { code: 'forbidden', message: 'Only the author of this template or an account administrator can change it' } });
    await h.settle();
    expect(h.q('chat-template-form-error').textContent).toContain('Изменить этот шаблон может только его автор или администратор');
    h.q('chat-template-form-cancel').click();
    await h.settle();
    expect(h.q('chat-template-form-title').textContent).toContain('Новый шаблон');

    row(h, 't-2').querySelector<HTMLElement>('[data-testid="chat-template-row-delete"]')!.click();
    await h.settle();
    expect(document.querySelector('[data-testid="chat-template-deletion-dialog"]')!.textContent).toContain('«Реквизиты» пропадёт у всех операторов');
    document.querySelector<HTMLElement>('[data-testid="chat-template-deletion-confirm"]')!.click();
    await h.settle();
    expect(h.socket.last('templates.delete')?.payload).toEqual({ id: 't-2' });
    h.socket.last('templates.delete')!.ack({ ok: true, data: null });
    await h.settle();
    expect(names(h)).toEqual(['Напоминание об оплате']);
  });

  it('speaks English when the panel does', async () => {
    const h = await openTemplates({ locale: 'en' });
    expect(h.q('chat-view-title').textContent).toContain('Templates');
    expect(row(h, 't-1').textContent).toContain('By Иван Петров');
    h.q('chat-template-form-save').click();
    await h.settle();
    expect(h.q('chat-template-form-name-problem').textContent).toContain('Enter the template name');
  });
});
