import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CHAT_LIMITS } from '../../shared/chat.protocol';
import { ChatNotifications } from '../background/notifications.service';
import { DEPARTMENTS, VISITORS, conversation, dialog, dialogs, message, operatorAuthor, visitor } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

async function openFirstDialog(h: ChatHarness): Promise<void> {
  h.all('chat-dialog-item')[0]!.click();
  await h.settle();
}

function messages(h: ChatHarness): HTMLElement[] {
  return h.all('chat-message');
}

describe('ChatPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('connects to /chat with the access token and loads the sections, counters and lists', async () => {
    const h = await renderChat();
    expect(h.socket.handshakeToken()).toBe('access-1');
    expect(h.socket.sent.map((r) => r.event).sort()).toEqual(
      ['departments.list', 'dialogs.counts', 'dialogs.list', 'operators.list', 'preferences.get', 'replies.list', 'sites.list', 'templates.list', 'visitors.list'].sort(),
    );
    expect(h.socket.last('dialogs.list')?.payload).toEqual({ section: 'mine' });
    for (const section of ['mine', 'common', 'archive', 'important', 'blocked']) expect(h.q(`chat-section-${section}`)).toBeTruthy();
    expect(h.q('chat-section-mine').textContent).toContain('Мои сообщения');
    expect(h.q('chat-count-mine').textContent?.trim()).toBe('3');
    expect(h.q('chat-count-archive').textContent?.trim()).toBe('128');
    expect(h.all('chat-dialog-item').length).toBe(4);
    expect(h.all('chat-dialog-item')[1]!.textContent).toContain('самовывоз');
    // Two visitors on the site nobody has talked to yet.
    expect(h.q('chat-new-visitors-count').textContent?.trim()).toBe('2');
  });

  it('counters and lists follow the server: dialogs.counts, dialog.updated, visitor.updated', async () => {
    const h = await renderChat();
    h.socket.push('dialogs.counts', { mine: 7, common: 2, archive: 129, important: 1, blocked: 4 });
    await h.settle();
    expect(h.q('chat-count-mine').textContent?.trim()).toBe('7');
    expect(h.q('chat-count-blocked').textContent?.trim()).toBe('4');

    // A dialog closed elsewhere leaves My messages; a new one appears on top.
    h.socket.push('dialog.updated', dialog({ id: 'dlg-3', visitorId: 'v-5', visitorName: 'Смелый Бобр', status: 'closed' }));
    h.socket.push('dialog.updated', dialog({ id: 'dlg-9', visitorId: 'v-3', visitorName: 'Тихий Лис · Новосибирск', assigneeId: null,
      lastMessage: message({ id: 'm-91', dialogId: 'dlg-9', text: 'Добрый день!', createdAt: new Date().toISOString() }) }));
    await h.settle();
    const names = h.all('chat-dialog-item').map((i) => i.querySelector('.name')?.textContent?.trim());
    expect(names).toEqual(['Тихий Лис · Новосибирск', 'Весёлый Енот · Казань', 'Мария Соколова', 'Северный Олень · Мурманск']);

    h.q('chat-tab-visitors').click();
    await h.settle();
    expect(h.all('chat-visitor-item').length).toBe(VISITORS.length);
    h.socket.push('visitor.updated', visitor({ id: 'v-10', name: 'Звёздный Ёж · Сочи' }));
    await h.settle();
    expect(h.all('chat-visitor-item').length).toBe(VISITORS.length + 1);
    expect(h.q('chat-new-visitors-count').textContent?.trim()).toBe('3');
  });

  it('switching sections asks the server for that section', async () => {
    const h = await renderChat();
    h.q('chat-section-archive').click();
    await h.settle();
    expect(h.socket.last('dialogs.list')?.payload).toEqual({ section: 'archive' });
    expect(h.q('chat-section-archive').getAttribute('aria-current')).toBe('true');
    expect(h.el.textContent).toContain('В архиве хранятся все закрытые обращения');
  });

  it('opens a dialog: messages with authors, times, edited mark, system message, attachments; text is never HTML', async () => {
    const h = await renderChat();
    h.socket.respond('dialog.open', ({ dialogId }) => ({
      ok: true,
      data: {
        dialog: dialog({ id: dialogId }),
        visitor: VISITORS[0]!,
        messages: [...conversation(), message({ id: 'm-x', text: '<script>window.__pwned = 1</script><b>жирный?</b>', createdAt: new Date().toISOString() })],
      },
    }));
    await openFirstDialog(h);
    expect(h.socket.last('dialog.open')?.payload).toEqual({ dialogId: 'dlg-1' });
    const list = messages(h);
    expect(list.length).toBe(7);
    expect(list.map((m) => m.dataset['kind'])).toEqual(['visitor', 'operator', 'operator', 'visitor', 'system', 'operator', 'visitor']);
    expect(list[1]!.dataset['state']).toBe('sent');
    expect(list[0]!.dataset['state']).toBeUndefined();
    expect(list[2]!.textContent).toContain('изменено');
    expect(list[2]!.querySelector('img')?.getAttribute('alt')).toBe('букет.png');
    expect(list[5]!.querySelector('[data-testid="chat-file"]')?.textContent).toContain('Счёт № 10482.pdf');
    expect(list[5]!.querySelector('[data-testid="chat-file"]')?.getAttribute('href')).toBe('https://romashka-shop.ru/files/invoice.pdf');
    // A link in the visitor's text is a real link (http(s) only); the rest is text.
    expect(list[3]!.querySelector('a')?.getAttribute('href')).toBe('https://romashka-shop.ru/checkout');
    const hostile = list[6]!;
    expect(hostile.querySelector('script, b')).toBeNull();
    expect(hostile.textContent).toContain('<script>window.__pwned = 1</script><b>жирный?</b>');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(h.q('visitor-card-name')).toBeTruthy();
    expect((h.q('visitor-card-name') as HTMLInputElement).value).toBe('Мария Соколова');
  });

  it('shows what the visitor is typing as a ghost bubble, and hides it when they stop', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    expect(h.q('chat-typing-preview')).toBeNull();
    h.socket.push('visitor.typing', { dialogId: 'dlg-1', visitorId: 'v-1', draft: 'А можно добавить <i>открытку</i>' });
    await h.settle();
    expect(h.q('chat-typing-preview').textContent).toContain('А можно добавить <i>открытку</i>');
    // Another visitor's draft does not show here.
    h.socket.push('visitor.typing', { dialogId: 'dlg-2', visitorId: 'v-2', draft: 'чужое' });
    await h.settle();
    expect(h.q('chat-typing-preview').textContent).not.toContain('чужое');
    h.socket.push('visitor.typing', { dialogId: 'dlg-1', visitorId: 'v-1', draft: '' });
    await h.settle();
    expect(h.q('chat-typing-preview')).toBeNull();
  });

  it('a message alone (no dialog.updated) moves its dialog up, marks it unread, and ends the visitor\'s typing preview', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const fetches = h.socket.requests('dialogs.list').length;
    const ids = () => h.all('chat-dialog-item').map((i) => i.dataset['dialogId']);
    const item = (id: string) => h.all('chat-dialog-item').find((i) => i.dataset['dialogId'] === id)!;
    const northDeer = { kind: 'visitor' as const, userId: null, name: 'Северный Олень · Мурманск', avatarUrl: null };
    expect(ids().at(-1)).toBe('dlg-4');

    // The oldest dialog gets a visitor message: on top, with the new text and the unread dot.
    const sentAt = new Date().toISOString();
    h.socket.push('message.created', message({ id: 'm-42', dialogId: 'dlg-4', author: northDeer, text: 'Алло, вы тут?', createdAt: sentAt }));
    await h.settle();
    expect(ids()[0]).toBe('dlg-4');
    expect(item('dlg-4').textContent).toContain('Алло, вы тут?');
    expect(item('dlg-4').querySelector('[data-testid="chat-unread"]')).toBeTruthy();
    // Its edit shows in the list; an edit of an older message does not replace the last one.
    const olderSentAt = dialogs().find((d) => d.id === 'dlg-4')!.lastMessage!.createdAt;
    h.socket.push('message.updated', message({ id: 'm-42', dialogId: 'dlg-4', author: northDeer, text: 'Алло, вы здесь?', createdAt: sentAt, editedAt: new Date().toISOString() }));
    h.socket.push('message.updated', message({ id: 'm-41', dialogId: 'dlg-4', author: northDeer, text: 'старое', createdAt: olderSentAt, editedAt: new Date().toISOString() }));
    await h.settle();
    expect(item('dlg-4').textContent).toContain('Алло, вы здесь?');

    // The open dialog's visitor types, then sends: the message shows, the preview goes, nothing is unread.
    h.socket.push('visitor.typing', { dialogId: 'dlg-1', visitorId: 'v-1', draft: 'Спасибо, оплач' });
    await h.settle();
    expect(h.q('chat-typing-preview').textContent).toContain('Спасибо, оплач');
    h.socket.push('message.created', message({ id: 'm-7', text: 'Спасибо, оплачу сегодня', createdAt: new Date().toISOString() }));
    await h.settle();
    expect(h.q('chat-typing-preview')).toBeNull();
    expect(messages(h).at(-1)!.textContent).toContain('Спасибо, оплачу сегодня');
    expect(ids()[0]).toBe('dlg-1');
    expect(item('dlg-1').querySelector('[data-testid="chat-unread"]')).toBeNull();

    // A draft typed before the visitor had a dialog ends when the dialog their message opened arrives.
    h.socket.push('visitor.typing', { dialogId: null, visitorId: 'v-3', draft: 'Добрый д' });
    h.socket.push('message.created', message({ id: 'm-91', dialogId: 'dlg-9', author: { ...northDeer, name: 'Тихий Лис' }, text: 'Добрый день!', createdAt: new Date().toISOString() }));
    await h.settle();
    expect(h.store.drafts().get('v-3')?.text).toBe('Добрый д');
    h.socket.push('dialog.updated', dialog({ id: 'dlg-9', visitorId: 'v-3', visitorName: 'Тихий Лис', assigneeId: null, lastMessage: message({ id: 'm-91', dialogId: 'dlg-9', author: { ...northDeer, name: 'Тихий Лис' }, text: 'Добрый день!', createdAt: new Date().toISOString() }) }));
    await h.settle();
    expect(h.store.drafts().has('v-3')).toBe(false);
    expect(ids()[0]).toBe('dlg-9');
    // The list is not full, so nothing needed fetching again.
    await new Promise((r) => setTimeout(r, 400));
    expect(h.socket.requests('dialogs.list').length).toBe(fetches);
  });

  it('input: Enter makes a new line, Ctrl+Enter sends; spell checking in the panel language; sending → sent on ack', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const input = h.q<HTMLTextAreaElement>('chat-input');
    expect(input.getAttribute('spellcheck')).toBe('true');
    expect(input.getAttribute('lang')).toBe('ru');

    await userEvent.click(input);
    await userEvent.keyboard('Добрый день!{Enter}Чем помочь?');
    await h.settle();
    expect(input.value).toBe('Добрый день!\nЧем помочь?');
    expect(h.socket.requests('message.send').length).toBe(0);
    // The operator's typing is announced (throttled).
    expect(h.socket.requests('operator.typing').map((r) => r.payload)).toEqual([{ dialogId: 'dlg-1', typing: true }]);

    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await h.settle();
    const send = h.socket.last('message.send')!;
    expect(send.payload).toMatchObject({ dialogId: 'dlg-1', text: 'Добрый день!\nЧем помочь?' });
    expect(send.payload.clientId.length).toBeGreaterThanOrEqual(8);
    expect(input.value).toBe('');
    expect(h.socket.last('operator.typing')?.payload).toEqual({ dialogId: 'dlg-1', typing: false });
    const own = messages(h).at(-1)!;
    expect(own.dataset['state']).toBe('sending');
    expect(own.textContent).toContain('Чем помочь?');

    send.ack({ ok: true, data: message({ id: 'm-new', clientId: send.payload.clientId, author: operatorAuthor(), text: send.payload.text, createdAt: new Date().toISOString() }) });
    await h.settle();
    expect(messages(h).at(-1)!.dataset['state']).toBe('sent');
    expect(messages(h).length).toBe(conversation().length + 1);
    // The server's broadcast of the same message does not add it twice.
    h.socket.push('message.created', message({ id: 'm-new', clientId: send.payload.clientId, author: operatorAuthor(), text: send.payload.text }));
    await h.settle();
    expect(messages(h).length).toBe(conversation().length + 1);
  });

  it('Cmd+Enter sends too; an empty input sends nothing', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const input = h.q<HTMLTextAreaElement>('chat-input');
    await userEvent.click(input);
    await userEvent.keyboard('{Meta>}{Enter}{/Meta}');
    expect(h.socket.requests('message.send').length).toBe(0);
    expect(h.q<HTMLButtonElement>('chat-send').disabled).toBe(true);
    await userEvent.keyboard('Ок{Meta>}{Enter}{/Meta}');
    await h.settle();
    expect(h.socket.last('message.send')?.payload.text).toBe('Ок');
  });

  it('no ack within 5 s: error mark; a click resends the same clientId, and the ack makes it sent', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const input = h.q<HTMLTextAreaElement>('chat-input');
    input.value = 'Вы на связи?';
    input.dispatchEvent(new Event('input'));
    h.fixture.detectChanges();
    h.q('chat-send').click();
    h.fixture.detectChanges();
    const first = h.socket.last('message.send')!;
    expect(messages(h).at(-1)!.dataset['state']).toBe('sending');

    await vi.advanceTimersByTimeAsync(CHAT_LIMITS.ackTimeoutMs - 100);
    h.fixture.detectChanges();
    expect(messages(h).at(-1)!.dataset['state']).toBe('sending');
    await vi.advanceTimersByTimeAsync(200);
    h.fixture.detectChanges();
    expect(messages(h).at(-1)!.dataset['state']).toBe('error');
    expect(h.q('chat-message-resend').textContent).toContain('Не отправлено');

    h.q('chat-message-resend').click();
    h.fixture.detectChanges();
    const retries = h.socket.requests('message.send');
    expect(retries.length).toBe(2);
    expect(retries[1]!.payload.clientId).toBe(first.payload.clientId);
    expect(messages(h).at(-1)!.dataset['state']).toBe('sending');

    retries[1]!.ack({ ok: true, data: message({ id: 'm-late', clientId: first.payload.clientId, author: operatorAuthor(), text: 'Вы на связи?' }) });
    await vi.advanceTimersByTimeAsync(0);
    h.fixture.detectChanges();
    expect(messages(h).at(-1)!.dataset['state']).toBe('sent');
    expect(messages(h).filter((m) => m.textContent?.includes('Вы на связи?')).length).toBe(1);
    vi.useRealTimers();
  });

  it('a refused message shows the server reason next to it', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    h.socket.respond('message.send', () => ({ ok: false, error: { code: 'dialog_closed', message: 'The dialog is closed' } }));
    const input = h.q<HTMLTextAreaElement>('chat-input');
    input.value = 'Ещё вопрос';
    input.dispatchEvent(new Event('input'));
    await h.settle();
    h.q('chat-send').click();
    await h.settle();
    const own = messages(h).at(-1)!;
    expect(own.dataset['state']).toBe('error');
    expect(own.textContent).toContain('The dialog is closed');
    expect(own.textContent).toContain('Не принято');
  });

  it('disconnected: banner; on reconnect the lists and the open dialog are fetched again and the outbox goes out with the same clientIds', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    expect(h.q('chat-disconnected')).toBeNull();
    h.socket.serverDrop();
    await h.settle();
    expect(h.q('chat-disconnected').textContent).toContain('Нет соединения');

    // Written while offline: waits in the outbox (nothing is emitted on a dead socket).
    const input = h.q<HTMLTextAreaElement>('chat-input');
    input.value = 'Пока нет связи';
    input.dispatchEvent(new Event('input'));
    await h.settle();
    h.q('chat-send').click();
    await h.settle();
    expect(h.socket.requests('message.send').length).toBe(0);
    expect(messages(h).at(-1)!.dataset['state']).toBe('sending');

    const before = h.socket.sent.length;
    h.socket.serverConnect();
    await h.settle();
    expect(h.q('chat-disconnected')).toBeNull();
    const again = h.socket.sent.slice(before).map((r) => r.event);
    for (const event of ['dialogs.counts', 'dialogs.list', 'visitors.list', 'operators.list', 'dialog.open', 'message.send']) expect(again).toContain(event);
    const resent = h.socket.last('message.send')!;
    expect(resent.payload.text).toBe('Пока нет связи');
    const clientId = resent.payload.clientId;

    // Dropped again before the ack: the same clientId goes out once more.
    h.socket.serverDrop();
    h.socket.serverConnect();
    await h.settle();
    expect(h.socket.requests('message.send').map((r) => r.payload.clientId)).toEqual([clientId, clientId]);
  });

  it('a refused connection says so (chat not enabled for the account)', async () => {
    const h = await renderChat({ serve: false });
    h.socket.active = false;
    h.socket.fire('connect_error', new Error('plugin_disabled'));
    await h.settle();
    expect(h.q('chat-disconnected').textContent).toContain('Чат не подключён');
  });

  it('visitor card: saves only what changed with visitor.update, and shows the server refusal', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const name = h.q<HTMLInputElement>('visitor-card-name');
    const save = h.q<HTMLButtonElement>('visitor-card-save');
    expect(save.disabled).toBe(true);

    name.value = '';
    name.dispatchEvent(new Event('input'));
    await h.settle();
    save.click();
    await h.settle();
    const refused = h.socket.last('visitor.update')!;
    expect(refused.payload).toEqual({ visitorId: 'v-1', name: '' });
    refused.ack({ ok: false, error: { code: 'validation_failed', message: 'name: Too small: expected string to have >=1 characters' } });
    await h.settle();
    // Worded by its code in the operator's language, never the server's English.
    expect(h.q('visitor-card-error').textContent).toContain('Проверьте заполнение полей');

    name.value = 'Мария Соколова (флорист)';
    name.dispatchEvent(new Event('input'));
    const phone = h.q<HTMLInputElement>('visitor-card-phone');
    phone.value = '+7 999 000-11-22';
    phone.dispatchEvent(new Event('input'));
    await h.settle();
    expect(h.q('visitor-card-error')).toBeNull();
    save.click();
    await h.settle();
    const ok = h.socket.last('visitor.update')!;
    expect(ok.payload).toEqual({ visitorId: 'v-1', name: 'Мария Соколова (флорист)', phone: '+7 999 000-11-22' });
    ok.ack({ ok: true, data: { ...VISITORS[0]!, name: 'Мария Соколова (флорист)', phone: '+7 999 000-11-22' } });
    await h.settle();
    expect(h.q('chat-dialog-title').textContent).toContain('Мария Соколова (флорист)');
    expect(h.all('chat-dialog-item')[0]!.textContent).toContain('Мария Соколова (флорист)');
    expect(save.disabled).toBe(true);
  });

  it('lead class (C18) goes to dialog.classify', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const select = h.q<HTMLSelectElement>('chat-lead-class');
    expect(select.value).toBe('target');
    h.socket.respond('dialog.classify', ({ dialogId, leadClass }) => ({ ok: true, data: dialog({ id: dialogId, leadClass, important: true }) }));
    select.value = 'spam';
    select.dispatchEvent(new Event('change'));
    await h.settle();
    expect(h.socket.last('dialog.classify')?.payload).toEqual({ dialogId: 'dlg-1', leadClass: 'spam' });
    expect(h.q<HTMLSelectElement>('chat-lead-class').value).toBe('spam');
  });

  it('a pasted screenshot is uploaded for the dialog and sent as an attachment', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const input = h.q<HTMLTextAreaElement>('chat-input');
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], 'image.png', { type: 'image/png' }));
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    input.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await h.settle();
    const upload = h.backend.expectOne((r) => r.url === '/api/chat/attachments');
    expect(upload.request.method).toBe('POST');
    expect(upload.request.params.get('dialogId')).toBe('dlg-1');
    expect(upload.request.headers.get('Authorization')).toBe('Bearer access-1');
    const file = (upload.request.body as FormData).get('file') as File;
    expect(file.name).toMatch(/^screenshot-\d{8}-\d{6}\.png$/);
    expect(h.q('chat-pending-file').dataset['state']).toBe('uploading');
    expect(h.q<HTMLButtonElement>('chat-send').disabled).toBe(true);

    upload.flush({ id: 'a-9', name: file.name, mime: 'image/png', size: 8, url: 'https://example.test/f/a-9', isImage: true }, { status: 201, statusText: 'Created' });
    await h.settle();
    expect(h.q('chat-pending-file').dataset['state']).toBe('ready');
    h.q('chat-send').click();
    await h.settle();
    expect(h.socket.last('message.send')?.payload).toMatchObject({ dialogId: 'dlg-1', text: '', attachmentIds: ['a-9'] });
    expect(h.q('chat-pending-file')).toBeNull();
  });

  it('files: the type and size are checked before upload; a server refusal shows on the file', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const picker = h.q<HTMLInputElement>('chat-file-input');
    expect(picker.accept).toContain('.docx');
    const data = new DataTransfer();
    data.items.add(new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }));
    data.items.add(new File([new Uint8Array(CHAT_LIMITS.fileBytes + 1)], 'huge.pdf', { type: 'application/pdf' }));
    data.items.add(new File(['%PDF-1.4'], 'price.pdf', { type: 'application/pdf' }));
    picker.files = data.files;
    picker.dispatchEvent(new Event('change'));
    await h.settle();
    const chips = h.all('chat-pending-file');
    expect(chips.map((c) => c.dataset['state'])).toEqual(['error', 'error', 'uploading']);
    expect(chips[0]!.textContent).toContain('Такой тип файла нельзя отправить');
    expect(chips[1]!.textContent).toContain('больше 10 МБ');
    h.backend
      .expectOne((r) => r.url === '/api/chat/attachments')
      .flush({ error: { code: 'file_type', message: 'This file is not a PDF' } }, { status: 400, statusText: 'Bad Request' });
    await h.settle();
    expect(h.all('chat-pending-file')[2]!.textContent).toContain('Такой тип файла не принимается');
    h.backend.verify();
  });

  it('edit own message (C10): message.edit, and the refusal is shown clearly', async () => {
    const h = await renderChat();
    const now = new Date().toISOString();
    h.socket.respond('dialog.open', () => ({
      ok: true,
      data: { dialog: dialog({ id: 'dlg-1' }), visitor: VISITORS[0]!, messages: [message({ id: 'm-own', author: operatorAuthor(), text: 'Доставка завтро', createdAt: now }), message({ id: 'm-old', author: operatorAuthor(), text: 'Старое', createdAt: new Date(Date.now() - CHAT_LIMITS.editWindowMs - 1000).toISOString() })] },
    }));
    await openFirstDialog(h);
    // Only within 10 minutes.
    expect(h.all('chat-message-edit').length).toBe(1);
    h.q('chat-message-edit').click();
    await h.settle();
    const editor = h.q<HTMLTextAreaElement>('chat-message-editor');
    expect(editor.value).toBe('Доставка завтро');
    editor.value = 'Доставка завтра';
    editor.dispatchEvent(new Event('input'));
    await h.settle();
    h.q('chat-message-save').click();
    await h.settle();
    const edit = h.socket.last('message.edit')!;
    expect(edit.payload).toEqual({ messageId: 'm-own', text: 'Доставка завтра' });
    edit.ack({ ok: false, error: { code: 'edit_window_over', message: 'Messages can be edited for 10 minutes after sending' } });
    await h.settle();
    expect(h.q('chat-edit-error').textContent).toContain('Сообщение можно изменить только в течение');
    expect(h.q('chat-message-editor')).toBeTruthy();

    h.q('chat-message-save').click();
    await h.settle();
    h.socket.last('message.edit')!.ack({ ok: true, data: message({ id: 'm-own', author: operatorAuthor(), text: 'Доставка завтра', createdAt: now, editedAt: new Date().toISOString() }) });
    await h.settle();
    expect(h.q('chat-message-editor')).toBeNull();
    const edited = messages(h).find((m) => m.dataset['messageId'] === 'm-own')!;
    expect(edited.textContent).toContain('Доставка завтра');
    expect(edited.textContent).toContain('изменено');
  });

  it('star a sent message → quick reply; the picker lists replies by uses, filters, inserts and counts the use', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    h.socket.respond('replies.star', ({ messageId }) => ({ ok: true, data: { id: 'r-9', text: `text of ${messageId}`, uses: 0, createdAt: new Date().toISOString() } }));
    h.all('chat-message-star')[0]!.click();
    await h.settle();
    expect(h.socket.last('replies.star')?.payload).toEqual({ messageId: 'm-2' });
    expect(h.store.replies().some((r) => r.id === 'r-9')).toBe(true);

    h.q('chat-replies').click();
    await h.settle();
    const items = () => h.all('chat-reply-item').map((i) => i.textContent ?? '');
    expect(items()[0]).toContain('Здравствуйте! Чем могу помочь?');
    expect(items()[1]).toContain('Спасибо за заказ');
    const search = h.q<HTMLInputElement>('chat-replies-search');
    search.value = 'доставка';
    search.dispatchEvent(new Event('input'));
    await h.settle();
    expect(items().length).toBe(1);
    h.socket.respond('replies.use', ({ id }) => ({ ok: true, data: { id, text: 'Доставка по городу — 350 ₽, от 5000 ₽ — бесплатно.', uses: 18, createdAt: '' } }));
    h.all('chat-reply-item')[0]!.click();
    await h.settle();
    expect(h.socket.last('replies.use')?.payload).toEqual({ id: 'r-2' });
    expect(h.q<HTMLTextAreaElement>('chat-input').value).toBe('Доставка по городу — 350 ₽, от 5000 ₽ — бесплатно.');
    expect(h.q('chat-reply-item')).toBeNull();
  });

  it('templates: insert into the input; an operator writes one and may change only their own', async () => {
    const h = await renderChat({ user: { role: 'operator' } });
    await openFirstDialog(h);
    h.q('chat-templates').click();
    await h.settle();
    expect(h.all('chat-template-item').map((t) => t.textContent)).toEqual([expect.stringContaining('Напоминание об оплате'), expect.stringContaining('Реквизиты')]);
    h.all('chat-template-item')[1]!.click();
    await h.settle();
    expect(h.q<HTMLTextAreaElement>('chat-input').value).toContain('ИНН 7701234567');

    h.q('chat-templates').click();
    await h.settle();
    // A colleague's template (t-1) and one from before authors were kept (t-2): to use, not to change.
    expect(h.all('chat-template-edit')).toEqual([]);
    h.q('chat-template-new').click();
    await h.settle();
    const name = h.q<HTMLInputElement>('chat-template-name');
    name.value = 'Праздники';
    name.dispatchEvent(new Event('input'));
    const text = h.q<HTMLTextAreaElement>('chat-template-text');
    text.value = '8 марта доставляем с 7 утра.';
    text.dispatchEvent(new Event('input'));
    await h.settle();
    h.q('chat-template-save').click();
    await h.settle();
    const save = h.socket.last('templates.save')!;
    expect(save.payload).toEqual({ name: 'Праздники', text: '8 марта доставляем с 7 утра.' });
    save.ack({ ok: true, data: { id: 't-3', name: 'Праздники', text: '8 марта доставляем с 7 утра.', updatedAt: '', authorId: 1 } });
    await h.settle();
    expect(h.all('chat-template-item').length).toBe(3);
    expect(h.all('chat-template-edit').length).toBe(1);
  });

  it('toolbar: transfer to an online colleague or a department, close, important, block, rating, transcript', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    h.q('chat-transfer').click();
    await h.settle();
    const targets = h.all('chat-transfer-target');
    // Иван is online; Ольга is away; Анна is me. Then the departments.
    expect(targets.map((t) => t.dataset['target'])).toEqual(['user:2', ...DEPARTMENTS.map((d) => `department:${d.id}`)]);
    targets[0]!.click();
    await h.settle();
    const transfer = h.socket.last('dialog.transfer')!;
    expect(transfer.payload).toEqual({ dialogId: 'dlg-1', toUserId: 2 });
    transfer.ack({ ok: false, error: { code: 'operator_offline', message: 'This operator is not online' } });
    await h.settle();
    expect(h.q('chat-transfer-error').textContent).toContain('Этот оператор сейчас не в сети');
    h.all('chat-transfer-target')[2]!.click();
    await h.settle();
    expect(h.socket.last('dialog.transfer')?.payload).toEqual({ dialogId: 'dlg-1', toDepartmentId: 'd-support' });

    h.socket.respond('dialog.important', ({ dialogId, important }) => ({ ok: true, data: dialog({ id: dialogId, important }) }));
    h.q('chat-important').click();
    await h.settle();
    expect(h.socket.last('dialog.important')?.payload).toEqual({ dialogId: 'dlg-1', important: false });
    expect(h.q('chat-important').getAttribute('aria-pressed')).toBe('false');

    h.q('chat-more').click();
    await h.settle();
    h.socket.respond('dialog.requestRating', null);
    h.q('chat-request-rating').click();
    await h.settle();
    expect(h.socket.last('dialog.requestRating')?.payload).toEqual({ dialogId: 'dlg-1' });

    h.q('chat-more').click();
    await h.settle();
    h.q('chat-transcript').click();
    await h.settle();
    expect(h.q<HTMLInputElement>('chat-transcript-email').value).toBe('maria.sokolova@mail.ru');
    h.q('chat-transcript-send').click();
    await h.settle();
    expect(h.socket.last('dialog.transcript')?.payload).toEqual({ dialogId: 'dlg-1', email: 'maria.sokolova@mail.ru' });

    h.q('chat-more').click();
    await h.settle();
    h.socket.respond('visitor.block', ({ visitorId, blocked }) => ({ ok: true, data: { ...VISITORS[0]!, id: visitorId, blocked } }));
    h.q('chat-block').click();
    await h.settle();
    // C13: asked first; Cancel blocks nobody.
    expect(h.q<HTMLDialogElement>('chat-block-dialog').open).toBe(true);
    expect(h.q('chat-block-dialog').textContent).toContain(VISITORS[0]!.name);
    h.q('chat-block-cancel').click();
    await h.settle();
    expect(h.socket.last('visitor.block')).toBeUndefined();
    h.q('chat-more').click();
    await h.settle();
    h.q('chat-block').click();
    await h.settle();
    h.q('chat-block-confirm').click();
    await h.settle();
    expect(h.socket.last('visitor.block')?.payload).toEqual({ visitorId: 'v-1', blocked: true });
    expect(h.q<HTMLDialogElement>('chat-block-dialog').open).toBe(false);
    // Unblocking is harmless: no question.
    h.q('chat-more').click();
    await h.settle();
    h.q('chat-block').click();
    await h.settle();
    expect(h.socket.last('visitor.block')?.payload).toEqual({ visitorId: 'v-1', blocked: false });

    h.socket.respond('dialog.close', ({ dialogId }) => ({ ok: true, data: dialog({ id: dialogId, status: 'closed', closedAt: new Date().toISOString() }) }));
    h.q('chat-close').click();
    await h.settle();
    expect(h.socket.last('dialog.close')?.payload).toEqual({ dialogId: 'dlg-1' });
    // Closed: no input, the closed note instead; it left My messages.
    expect(h.q('chat-input')).toBeNull();
    expect(h.q('chat-closed-note')).toBeTruthy();
    expect(h.all('chat-dialog-item').some((i) => i.dataset['dialogId'] === 'dlg-1')).toBe(false);
  });

  it('visitors tab: live list with page, activity, device; start a dialog (C5)', async () => {
    const h = await renderChat();
    h.q('chat-tab-visitors').click();
    await h.settle();
    const items = h.all('chat-visitor-item');
    // On the page first, then tab hidden, then left.
    expect(items.map((i) => i.dataset['activity'])).toEqual(['active', 'active', 'active', 'hidden', 'left']);
    const maria = items.find((i) => i.dataset['visitorId'] === 'v-1')!;
    expect(maria.textContent).toContain('Оформление заказа');
    expect(maria.textContent).toContain('Safari 18');
    expect(maria.textContent).toContain('Санкт-Петербург');
    expect(maria.textContent).toContain('4 стр.');
    expect(maria.textContent).toContain('Чат открыт');

    h.socket.respond('dialog.start', ({ visitorId }) => ({ ok: true, data: dialog({ id: 'dlg-new', visitorId, visitorName: 'Тихий Лис · Новосибирск', initiator: 'operator' }) }));
    h.socket.respond('dialog.open', ({ dialogId }) => ({ ok: true, data: { dialog: dialog({ id: dialogId, visitorId: 'v-3' }), visitor: VISITORS[2]!, messages: [] } }));
    const fox = items.find((i) => i.dataset['visitorId'] === 'v-3')!;
    (fox.querySelector('[data-testid="chat-visitor-start"]') as HTMLElement).click();
    await h.settle();
    expect(h.socket.last('dialog.start')?.payload).toEqual({ visitorId: 'v-3' });
    expect(h.socket.last('dialog.open')?.payload).toEqual({ dialogId: 'dlg-new' });
    expect(h.q('chat-tab-dialogs').getAttribute('aria-selected')).toBe('true');
    expect(h.q('chat-input')).toBeTruthy();
  });

  it('a visitor who has an open dialog opens it on a click, not «Начать диалог»; once it closes, the click offers to start one', async () => {
    const h = await renderChat();
    h.q('chat-tab-visitors').click();
    await h.settle();
    h.socket.push('visitor.updated', { ...VISITORS[1]!, openDialogId: 'dlg-2' });
    h.socket.respond('dialog.open', ({ dialogId }) => ({ ok: true, data: { dialog: dialog({ id: dialogId, visitorId: 'v-2' }), visitor: VISITORS[1]!, messages: conversation() } }));
    await h.settle();
    const raccoon = () => h.all('chat-visitor-item').find((i) => i.dataset['visitorId'] === 'v-2')!.querySelector<HTMLElement>('button.main')!;
    raccoon().click();
    await h.settle();
    expect(h.socket.last('dialog.open')?.payload).toEqual({ dialogId: 'dlg-2' });
    expect(h.socket.last('dialog.start')).toBeUndefined();
    expect(h.q('chat-start')).toBeNull();
    expect(h.q('chat-input')).toBeTruthy();

    // Closed elsewhere: the visitor has no open dialog any more.
    h.socket.push('dialog.updated', dialog({ id: 'dlg-2', visitorId: 'v-2', status: 'closed' }));
    await h.settle();
    h.q('chat-tab-visitors').click();
    await h.settle();
    raccoon().click();
    await h.settle();
    expect(h.q('chat-start')).toBeTruthy();
  });

  it('operator status switch (A6)', async () => {
    const h = await renderChat();
    expect(h.q('chat-status').dataset['status']).toBe('online');
    h.socket.respond('operator.status', ({ status }) => ({ ok: true, data: { status } }));
    h.q('chat-status-away').click();
    await h.settle();
    expect(h.socket.last('operator.status')?.payload).toEqual({ status: 'away' });
    expect(h.q('chat-status').dataset['status']).toBe('away');
    // Changed from another tab of mine.
    h.socket.push('operators.status', { userId: 1, status: 'offline' });
    await h.settle();
    expect(h.q('chat-status').dataset['status']).toBe('offline');
  });

  it('a support visit (issue 15): the status switch, the visitor card\'s save and the lead class are disabled, with the read-only note', async () => {
    const h = await renderChat({ user: { role: 'support' } });
    const statuses = h.all<HTMLButtonElement>('chat-status').flatMap((g) => [...g.querySelectorAll('button')]);
    expect(statuses.length).toBe(3);
    expect(statuses.every((b) => b.disabled)).toBe(true);
    await openFirstDialog(h);
    const name = h.q<HTMLInputElement>('visitor-card-name');
    name.value = 'Новое имя';
    name.dispatchEvent(new Event('input'));
    await h.settle();
    expect(h.q<HTMLButtonElement>('visitor-card-save').disabled).toBe(true);
    expect(h.q<HTMLSelectElement>('chat-lead-class').disabled).toBe(true);
    // Beside the switch and the card's button, in the panel's language.
    expect(h.all('read-only-note').length).toBe(2);
    expect(h.all('read-only-note')[0]!.textContent).toContain('Только просмотр');
    expect(h.socket.last('operator.status')).toBeUndefined();
    expect(h.socket.last('visitor.update')).toBeUndefined();
  });

  it('unread dot: a visitor message in another dialog marks it until it is opened', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const item = () => h.all('chat-dialog-item').find((i) => i.dataset['dialogId'] === 'dlg-2')!;
    expect(item().querySelector('[data-testid="chat-unread"]')).toBeTruthy();
    item().click();
    await h.settle();
    expect(item().querySelector('[data-testid="chat-unread"]')).toBeNull();
  });

  it('notifies about new visitors, new dialogs and messages outside the open dialog (C20)', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    const notify = vi.spyOn(h.fixture.debugElement.injector.get(ChatNotifications), 'notify');
    h.socket.push('visitor.updated', visitor({ id: 'v-20', name: 'Ясный Барсук · Омск', page: { url: 'https://romashka-shop.ru/sale', title: 'Скидки недели', referrer: '' } }));
    // In the open dialog while the operator looks at it: no notification.
    h.socket.push('message.created', message({ id: 'm-50', dialogId: 'dlg-1', text: 'Спасибо!' }));
    h.socket.push('message.created', message({ id: 'm-51', dialogId: 'dlg-2', author: { kind: 'visitor', userId: null, name: 'Весёлый Енот · Казань', avatarUrl: null }, text: 'Ау?' }));
    h.socket.push('message.created', message({ id: 'm-52', dialogId: 'dlg-77', author: { kind: 'visitor', userId: null, name: 'Ясный Барсук · Омск', avatarUrl: null }, text: 'Здравствуйте' }));
    // The operator's own messages never notify.
    h.socket.push('message.created', message({ id: 'm-53', dialogId: 'dlg-2', author: operatorAuthor(), text: 'Да' }));
    expect(notify.mock.calls.map(([kind, name, text]) => [kind, name, text])).toEqual([
      ['visitor', 'Ясный Барсук · Омск', 'Скидки недели'],
      ['message', 'Весёлый Енот · Казань', 'Ау?'],
      ['dialog', 'Ясный Барсук · Омск', 'Здравствуйте'],
    ]);
    // A click on the notification opens that dialog.
    notify.mock.calls[1]![3]();
    await h.settle();
    expect(h.socket.last('dialog.open')?.payload).toEqual({ dialogId: 'dlg-2' });
  });

  it('"Rename the visitor" puts the cursor into the card\'s name field', async () => {
    const h = await renderChat();
    await openFirstDialog(h);
    h.q('chat-more').click();
    await h.settle();
    h.q('chat-rename').click();
    await h.settle();
    const name = h.q<HTMLInputElement>('visitor-card-name');
    expect(document.activeElement).toBe(name);
    expect(name.selectionStart).toBe(0);
    expect(name.selectionEnd).toBe(name.value.length);
  });

  it('on a phone: the list, the dialog with a way back, the card on demand', async () => {
    const h = await renderChat({ viewport: [390, 844] });
    const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
    expect(visible(h.q('chat-dialog-item'))).toBe(true);
    await openFirstDialog(h);
    expect(visible(h.q('chat-dialog-item'))).toBe(false);
    expect(visible(h.q('chat-input'))).toBe(true);
    expect(visible(h.q('visitor-card-name'))).toBe(false);
    h.q('chat-card-toggle').click();
    await h.settle();
    expect(visible(h.q('visitor-card-name'))).toBe(true);
    (h.el.querySelector('cp-dialog-toolbar .back') as HTMLElement).click();
    await h.settle();
    expect(visible(h.q('chat-dialog-item'))).toBe(true);
    expect(h.q('chat-input')).toBeNull();
  });

  it('speaks English when the panel does', async () => {
    const h = await renderChat({ locale: 'en' });
    expect(h.q('chat-section-mine').textContent).toContain('My messages');
    expect(h.q('chat-section-common').textContent).toContain('Common messages');
    await openFirstDialog(h);
    expect(h.q('chat-input').getAttribute('lang')).toBe('en');
    expect(h.q('chat-close').textContent).toContain('Close dialog');
  });
});
