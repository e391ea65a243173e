import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { AuthService, type Role } from '../../../../admin-ui/src/app/plugin-api';
import { routes } from '../../../../admin-ui/src/testing/plugin-testing';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { DEFAULT_OPERATOR_PREFERENCES, type OperatorPreferencesDto } from '../../shared/chat.protocol';
import { TEMPLATES, VISITORS, dialog, message, operatorAuthor, serveChat } from '../testing/chat-fixtures';
import type { FakeChatSocket} from '../testing/fake-chat-socket';
import { fakeChatSockets } from '../testing/fake-chat-socket';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../artifacts/screenshots/${name}.png` });

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * The chat view as an operator sees it — inside the real shell at `/p/chat`, with realistic data —
 * saved as PNGs for review (and looked at: layout, overflow, wording).
 */
async function openChat(width: number, height: number, locale: 'ru' | 'en' = 'ru', role: Role = 'admin', preferences?: OperatorPreferencesDto) {
  await page.viewport(width, height);
  resetBrowserState(locale);
  const sockets: FakeChatSocket[] = [];
  TestBed.configureTestingModule({ providers: [appTestProviders(routes), fakeChatSockets(sockets)] });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ locale, role, accountName: 'ООО «Ромашка»' })));
  await login;
  const harness = await RouterTestingHarness.create();
  const navigation = harness.navigateByUrl('/p/chat');
  // The shell and the plugin page are lazy chunks: wait for them rather than for a fixed time.
  let plugins = backend.match('/api/plugins');
  for (let i = 0; i < 100 && !plugins.length; i++) {
    await pause();
    plugins = backend.match('/api/plugins');
  }
  plugins[0]!.flush([{ id: 'chat', title: { ru: 'Чат', en: 'Chat' } }]);
  await navigation;
  for (let i = 0; i < 100 && !sockets.length; i++) await pause();
  const socket = sockets[0]!;
  serveChat(socket);
  if (preferences) socket.respond('preferences.get', preferences);
  socket.serverConnect();
  const root = harness.routeNativeElement!.ownerDocument;
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      await pause();
      await harness.fixture.whenStable();
    }
  };
  await settle();
  const q = (testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!;
  const all = (testId: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  return { socket, settle, q, all };
}

describe('chat view screenshots', () => {
  afterEach(() => document.body.querySelectorAll('dialog[open]').forEach((d) => (d as HTMLDialogElement).close()));

  it('desktop 1280×800: a dialog with the visitor typing, a message on its way and one that failed', async () => {
    const { socket, settle, q, all } = await openChat(1280, 800);
    all('chat-dialog-item')[0]!.click();
    await settle();
    socket.push('visitor.typing', { dialogId: 'dlg-1', visitorId: 'v-1', draft: 'Отлично, оплачу сегодня. А открытку можно добавить?' });
    const input = q('chat-input') as HTMLTextAreaElement;
    input.value = 'Счёт пришёл?';
    input.dispatchEvent(new Event('input'));
    await settle();
    q('chat-send').click();
    await settle();
    expect(all('chat-message').at(-1)!.dataset['state']).toBe('sending');
    await shot('panel-chat-dialog');
  });

  it('desktop 1280×800: the Visitors tab with a visitor picked', async () => {
    const { settle, q, all } = await openChat(1280, 800);
    q('chat-tab-visitors').click();
    await settle();
    all('chat-visitor-item')[0]!.querySelector<HTMLElement>('button.main')!.click();
    await settle();
    await shot('panel-chat-visitors');
  });

  it('wide 1600×900: three roomy columns; the "more" menu open', async () => {
    const { socket, settle, q, all } = await openChat(1600, 900);
    socket.respond('dialog.open', () => ({
      ok: true,
      data: {
        dialog: dialog({ id: 'dlg-1', important: true, leadClass: 'target' }),
        visitor: VISITORS[0]!,
        messages: [
          message({ id: 'm-1', text: 'Добрый день! Где мой заказ № 10482? <script>alert(1)</script>', createdAt: new Date(Date.now() - 120_000).toISOString() }),
          message({ id: 'm-2', author: operatorAuthor(), text: 'Здравствуйте! Курьер уже выехал, будет в течение часа.', createdAt: new Date(Date.now() - 60_000).toISOString(), editedAt: new Date().toISOString() }),
        ],
      },
    }));
    all('chat-dialog-item')[0]!.click();
    await settle();
    q('chat-more').click();
    await settle();
    await shot('panel-chat-more-menu');
  });

  it('desktop: the quick replies picker', async () => {
    const { settle, q, all } = await openChat(1280, 800);
    all('chat-dialog-item')[0]!.click();
    await settle();
    q('chat-replies').click();
    await settle();
    await shot('panel-chat-quick-replies');
  });

  it('desktop: transfer picker and the disconnected banner', async () => {
    const { socket, settle, q, all } = await openChat(1280, 800);
    all('chat-dialog-item')[0]!.click();
    await settle();
    q('chat-transfer').click();
    await settle();
    await shot('panel-chat-transfer');
    socket.serverDrop();
    await settle();
    await shot('panel-chat-disconnected');
  });

  it('English, 1100×760: two columns, the card slides over', async () => {
    const { settle, q, all } = await openChat(1100, 760, 'en');
    all('chat-dialog-item')[0]!.click();
    await settle();
    await shot('panel-chat-en-two-columns');
    q('chat-card-toggle').click();
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await shot('panel-chat-en-card-over');
  });

  it('desktop 1280×800: quick replies view (C11), one being edited', async () => {
    const { settle, q, all } = await openChat(1280, 800);
    q('chat-manage-replies').click();
    await settle();
    all('chat-reply-edit')[1]!.click();
    await settle();
    await shot('panel-chat-replies-view');
    const text = q('chat-reply-form-text') as HTMLTextAreaElement;
    text.value = 'Здравствуйте! Чем могу помочь?';
    text.dispatchEvent(new Event('input'));
    await settle();
    await shot('panel-chat-replies-view-duplicate');
  });

  it('desktop 1280×800: templates view (C12) as an operator: a colleague\'s read only, a new one refused', async () => {
    const { socket, settle, q } = await openChat(1280, 800, 'ru', 'operator');
    q('chat-manage-templates').click();
    await settle();
    socket.push('templates.changed', [
      ...TEMPLATES,
      { id: 't-3', name: 'Самовывоз', text: 'Забрать заказ можно на Лиговском проспекте, 10, с 9:00 до 21:00 без выходных.', updatedAt: new Date().toISOString(), authorId: 1 },
    ]);
    const name = q('chat-template-form-name') as HTMLInputElement;
    name.value = 'реквизиты';
    name.dispatchEvent(new Event('input'));
    await settle();
    q('chat-template-form-save').click();
    await settle();
    await shot('panel-chat-templates-view');
  });

  it('desktop 1280×800: the operator\'s own quick bar (C17) and its settings panel', async () => {
    const { settle, q, all } = await openChat(1280, 800, 'ru', 'admin', { ...DEFAULT_OPERATOR_PREFERENCES, quickActions: ['transfer', 'rating', 'block'] });
    all('chat-dialog-item')[0]!.click();
    await settle();
    q('chat-more').click();
    await settle();
    await shot('panel-chat-quickbar-menu');
    // Half-way through dragging "Rename" onto the bar: the bar shows where it goes.
    const source = q('chat-rename').closest('li')!;
    const from = source.getBoundingClientRect();
    const to = q('chat-quick-block').getBoundingClientRect();
    const mouse = (type: string, x: number, y: number, target: EventTarget = document) =>
      target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, buttons: 1, detail: 1, view: window }));
    mouse('mousedown', from.left + 40, from.top + 10, source);
    for (const [x, y] of [[from.left + 50, from.top + 20], [to.right - 20, to.top + 30], [to.right - 4, to.top + 16]] as const) {
      mouse('mousemove', x, y);
      await pause();
    }
    await settle();
    await shot('panel-chat-quickbar-dragging');
    mouse('mouseup', to.right - 4, to.top + 16);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settle();
    // The menu stays open after a drop.
    q('chat-customise-quickbar').click();
    await settle();
    await shot('panel-chat-quickbar-settings');
  });

  it('English 1100×760: the templates view', async () => {
    const en = await openChat(1100, 760, 'en');
    en.q('chat-manage-templates').click();
    await en.settle();
    await shot('panel-chat-en-templates-view');
  });

  it('phone 390×844: the quick replies view', async () => {
    const { settle, q } = await openChat(390, 844);
    q('chat-manage-replies').click();
    await settle();
    await shot('panel-chat-mobile-replies-view');
  });

  it('phone 390×844: the list, then the dialog', async () => {
    const { settle, all } = await openChat(390, 844);
    await shot('panel-chat-mobile-list');
    all('chat-dialog-item')[0]!.click();
    await settle();
    await shot('panel-chat-mobile-dialog');
  });
});
