import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, makeUser, signInForTest } from '../../../../admin-ui/src/testing/test-providers';
import type { ChatSiteSettings } from '../../shared/chat-site-settings';
import { registerChatStrings } from '../ui/chat-i18n';
import { ChatSettingsPage } from './chat-settings.page';
import { emailListValidator, parseEmails } from './email-list';

const URL = '/api/plugins/chat/settings/sites/s1';
const VALUE: ChatSiteSettings = { offlineForm: { enabled: true, emails: ['sales@romashka.ru'] }, notifications: { visitor: true, dialog: true, message: true } };

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await TestBed.tick();
  }
}

async function render(value: ChatSiteSettings = VALUE, locale: 'ru' | 'en' = 'ru') {
  const backend: HttpTestingController = await signInForTest(makeUser({ locale }));
  TestBed.runInInjectionContext(registerChatStrings);
  const fixture = TestBed.createComponent(ChatSettingsPage);
  fixture.componentRef.setInput('siteId', 's1');
  await settle();
  backend.expectOne({ method: 'GET', url: URL }).flush({ value });
  await settle();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
  const type = async (id: string, text: string) => {
    const input = q<HTMLTextAreaElement>(id)!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle();
  };
  const click = async (id: string) => {
    q(id)!.click();
    await settle();
  };
  return { backend, fixture, el, q, type, click, page: fixture.componentInstance };
}

describe('Sites → Settings → «Чат» (H6, C20)', () => {
  afterEach(() => localStorage.clear());

  it("shows the site's chat settings as saved", async () => {
    const { q, backend } = await render({ ...VALUE, notifications: { visitor: false, dialog: true, message: true } });
    expect(q<HTMLInputElement>('chat-settings-offline-enabled')!.checked).toBe(true);
    expect(q<HTMLTextAreaElement>('chat-settings-offline-emails')!.value).toBe('sales@romashka.ru');
    expect(q<HTMLInputElement>('chat-settings-notify-visitor')!.checked).toBe(false);
    expect(q<HTMLInputElement>('chat-settings-notify-message')!.checked).toBe(true);
    expect(q('chat-settings-form')!.textContent).toContain('Оффлайн-форма');
    expect(q<HTMLButtonElement>('chat-settings-save')!.disabled).toBe(true);
    backend.verify();
  });

  it('saves the whole value with PUT { value } to the chat plugin and says so', async () => {
    const { backend, q, type, click } = await render();
    await type('chat-settings-offline-emails', ' sales@romashka.ru,  boss@romashka.ru ;');
    await click('chat-settings-notify-visitor');
    expect(q<HTMLButtonElement>('chat-settings-save')!.disabled).toBe(false);
    await click('chat-settings-save');
    const req = backend.expectOne({ method: 'PUT', url: URL });
    const sent: ChatSiteSettings = { offlineForm: { enabled: true, emails: ['sales@romashka.ru', 'boss@romashka.ru'] }, notifications: { visitor: false, dialog: true, message: true } };
    expect(req.request.body).toEqual({ value: sent });
    req.flush({ value: sent });
    await settle();
    expect(q('chat-settings-saved')!.textContent).toContain('Сохранено');
    expect(q<HTMLButtonElement>('chat-settings-save')!.disabled).toBe(true);
    expect(q<HTMLTextAreaElement>('chat-settings-offline-emails')!.value).toBe('sales@romashka.ru, boss@romashka.ru');
    backend.verify();
  });

  it('names a bad address before asking the server, and sends nothing', async () => {
    const { backend, q, type, click } = await render();
    await type('chat-settings-offline-emails', 'sales@romashka.ru, bob@');
    expect(q('chat-settings-error-offlineEmails')!.textContent).toContain('Проверьте адрес «bob@»');
    await click('chat-settings-save');
    backend.expectNone({ method: 'PUT', url: URL });
    expect(q('chat-settings-form-error')!.textContent).toContain('Исправьте отмеченные поля');
  });

  it("shows the server's refusal next to the field it names; editing the field clears it", async () => {
    const { backend, q, type, click } = await render();
    await type('chat-settings-offline-emails', 'sales@romashka.ru, boss@romashka.ru');
    await click('chat-settings-save');
    backend
      .expectOne({ method: 'PUT', url: URL })
      .flush(apiError('validation_failed', 'Invalid', { 'offlineForm.emails.1': 'Проверьте адрес электронной почты' }), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(q('chat-settings-error-offlineEmails')!.textContent).toContain('Проверьте значение');
    expect(q('chat-settings-form-error')!.textContent).toContain('Исправьте отмеченные поля');
    await type('chat-settings-offline-emails', 'sales@romashka.ru');
    expect(q('chat-settings-error-offlineEmails')).toBeNull();
  });

  it('asks before leaving with unsaved changes', async () => {
    const { page, q, click } = await render();
    expect(page.confirmLeave()).toBe(true);
    await click('chat-settings-notify-message');
    const stay = page.confirmLeave() as Promise<boolean>;
    await settle();
    expect(q<HTMLDialogElement>('chat-settings-leave-dialog')!.open).toBe(true);
    await click('chat-settings-leave-cancel');
    await expect(stay).resolves.toBe(false);
  });

  it('speaks English', async () => {
    const { q } = await render(VALUE, 'en');
    expect(q('chat-settings-notify-dialog')!.closest('label')!.textContent).toContain('New dialog');
    expect(q('chat-settings-save')!.textContent).toContain('Save');
  });
});

describe('offline-form addresses as typed', () => {
  const check = (value: string) => emailListValidator({ value } as never);

  it('splits on commas, semicolons and lines, dropping blanks', () => {
    expect(parseEmails(' a@romashka.ru, b@romashka.ru;\nc@romashka.ru ,, ')).toEqual(['a@romashka.ru', 'b@romashka.ru', 'c@romashka.ru']);
    expect(parseEmails('')).toEqual([]);
  });

  it('names the first address that cannot be one, and refuses more than twenty', () => {
    expect(check('a@romashka.ru, b@romashka.ru')).toBeNull();
    expect(check('')).toBeNull();
    expect(check('a@romashka.ru, b romashka.ru, c@')).toEqual({ emailList: { address: 'b romashka.ru' } });
    expect(check(Array.from({ length: 21 }, (_, i) => `p${i}@romashka.ru`).join(','))).toEqual({ emailCount: { max: 20 } });
  });
});

