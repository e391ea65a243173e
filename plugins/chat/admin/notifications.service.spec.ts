import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../../../admin-ui/src/app/core/auth.service';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../admin-ui/src/testing/test-providers';
import { registerChatStrings } from './chat-i18n';
import { ChatNotifications } from './notifications.service';

/** A stand-in for the browser's Notification (the real one needs a permission prompt). */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async () => (FakeNotification.permission = 'granted'));
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

async function signIn(userId: number): Promise<ChatNotifications> {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: [appTestProviders(), ChatNotifications] });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('x@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ id: userId })));
  await login;
  TestBed.runInInjectionContext(() => registerChatStrings());
  return TestBed.inject(ChatNotifications);
}

describe('ChatNotifications (C20)', () => {
  beforeEach(() => {
    resetBrowserState('ru');
    FakeNotification.permission = 'default';
    FakeNotification.shown = [];
    vi.stubGlobal('Notification', FakeNotification);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('each switch is kept per user in localStorage', async () => {
    const anna = await signIn(1);
    expect(anna.settings()).toEqual({ visitor: true, dialog: true, message: true, sound: true });
    anna.set('visitor', false);
    anna.set('sound', false);
    const ivan = await signIn(2);
    expect(ivan.settings().visitor).toBe(true);
    const annaAgain = await signIn(1);
    expect(annaAgain.settings()).toEqual({ visitor: false, dialog: true, message: true, sound: false });
  });

  it('asks for permission only when told to (a click), then shows notifications while the tab is hidden', async () => {
    const notifications = await signIn(1);
    expect(notifications.permission()).toBe('default');
    notifications.notify('message', 'Мария', 'Здравствуйте!', () => undefined);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    expect(FakeNotification.shown).toEqual([]);

    await notifications.requestPermission();
    expect(notifications.permission()).toBe('granted');
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    const open = vi.fn();
    notifications.notify('message', 'Мария', 'Здравствуйте!', open);
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([['Новое сообщение: Мария', 'Здравствуйте!']]);
    FakeNotification.shown[0]!.onclick?.();
    expect(open).toHaveBeenCalled();
    expect(FakeNotification.shown[0]!.closed).toBe(true);

    // Switched off: nothing.
    notifications.set('visitor', false);
    notifications.notify('visitor', 'Синий Кит', '/catalog', () => undefined);
    expect(FakeNotification.shown.length).toBe(1);
  });

  it('no system notification while the operator is looking at the panel', async () => {
    const notifications = await signIn(1);
    FakeNotification.permission = 'granted';
    notifications.permission.set('granted');
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(false);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    notifications.notify('dialog', 'Мария', 'Добрый день', () => undefined);
    expect(FakeNotification.shown).toEqual([]);
  });
});
