import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService, PanelNotifications } from '../../../../admin-ui/src/app/plugin-api';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { DEFAULT_OPERATOR_PREFERENCES, type OperatorPreferencesDto } from '../../shared/chat.protocol';
import { registerChatStrings } from '../ui/chat-i18n';
import { ChatSocket } from './chat-socket.service';
import { ChatNotifications } from './notifications.service';
import { OperatorPreferences } from '../settings/preferences.service';
import { SiteNotifyRules } from '../site-notify-rules.service';
import { type FakeChatSocket, fakeChatSockets } from '../testing/fake-chat-socket';

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

/** The operator's settings as the server stores them, by user id: what each of their panels loads. */
let server: Map<number, OperatorPreferencesDto>;

/** A panel of `userId` (a browser, or a reload) on a connected `/chat` that loaded the operator's settings. */
async function signIn(userId: number): Promise<{ notifications: ChatNotifications; socket: FakeChatSocket }> {
  TestBed.resetTestingModule();
  const sockets: FakeChatSocket[] = [];
  TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets), ChatSocket, OperatorPreferences, SiteNotifyRules, ChatNotifications] });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('x@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ id: userId })));
  await login;
  TestBed.runInInjectionContext(() => registerChatStrings());
  TestBed.inject(ChatSocket).connect();
  const socket = sockets[0]!;
  socket.respond('preferences.get', () => ({ ok: true, data: server.get(userId) ?? DEFAULT_OPERATOR_PREFERENCES }));
  socket.respond('preferences.save', (changes) => {
    const saved = { ...(server.get(userId) ?? DEFAULT_OPERATOR_PREFERENCES), ...changes };
    server.set(userId, saved);
    return { ok: true, data: saved };
  });
  socket.serverConnect();
  await TestBed.inject(OperatorPreferences).load();
  return { notifications: TestBed.inject(ChatNotifications), socket };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('ChatNotifications (C20)', () => {
  beforeEach(() => {
    resetBrowserState('ru');
    server = new Map();
    FakeNotification.permission = 'default';
    FakeNotification.shown = [];
    vi.stubGlobal('Notification', FakeNotification);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('each switch is the operator\'s own, saved on the server: another browser of theirs has it, a colleague does not', async () => {
    const anna = await signIn(1);
    expect(anna.notifications.settings()).toEqual({ visitor: true, dialog: true, message: true, sound: true });
    await anna.notifications.set('visitor', false);
    await anna.notifications.set('sound', false);
    expect(anna.socket.requests('preferences.save').map((r) => r.payload)).toEqual([
      { notify: { visitor: false, dialog: true, message: true, sound: true } },
      { notify: { visitor: false, dialog: true, message: true, sound: false } },
    ]);
    const ivan = await signIn(2);
    expect(ivan.notifications.settings().visitor).toBe(true);
    // Another browser: nothing in its storage, the server has Anna's switches.
    resetBrowserState('ru');
    const annaElsewhere = await signIn(1);
    expect(annaElsewhere.notifications.settings()).toEqual({ visitor: false, dialog: true, message: true, sound: false });
  });

  it("another plugin's kind (goals' «Цели») is switched like the chat's own: saved on the server, another browser of the operator has it", async () => {
    const anna = await signIn(1);
    const panel = TestBed.inject(PanelNotifications);
    // Until the chat keeps the switches, every kind is on and none can be switched.
    expect(panel.isOn('goals')).toBe(true);
    await expect(panel.set('goals', false)).rejects.toThrow();
    anna.notifications.keepPluginSwitches();
    await panel.set('goals', false);
    expect(panel.isOn('goals')).toBe(false);
    expect(panel.isOn('calls')).toBe(true);
    expect(anna.socket.requests('preferences.save').map((r) => r.payload)).toEqual([{ pluginNotify: { goals: false } }]);
    FakeNotification.permission = 'granted';
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    expect(panel.notify('goals', 'Достигнута цель', 'https://romashka-shop.ru/thanks')).toBe(false);
    expect(panel.notify('calls', 'Пропущенный звонок', '')).toBe(true);

    resetBrowserState('ru');
    const elsewhere = await signIn(1);
    elsewhere.notifications.keepPluginSwitches();
    expect(TestBed.inject(PanelNotifications).isOn('goals')).toBe(false);
    // A refusal puts the switch back.
    elsewhere.socket.respond('preferences.save', () => ({ ok: false, error: { code: 'rate_limited', message: 'Too many events; slow down' } }));
    await expect(TestBed.inject(PanelNotifications).set('goals', true)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(TestBed.inject(PanelNotifications).isOn('goals')).toBe(false);
  });

  it('before the server answers, a reload starts with the switches this browser saw last', async () => {
    server.set(1, { ...DEFAULT_OPERATOR_PREFERENCES, notify: { visitor: true, dialog: true, message: true, sound: false } });
    await signIn(1);
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets([]), ChatSocket, OperatorPreferences, SiteNotifyRules, ChatNotifications] });
    const backend = TestBed.inject(HttpTestingController);
    const login = firstValueFrom(TestBed.inject(AuthService).login('x@romashka.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ id: 1 })));
    await login;
    expect(TestBed.inject(ChatNotifications).settings().sound).toBe(false);
  });

  it('a switch the server does not take goes back, and the caller hears why', async () => {
    const { notifications, socket } = await signIn(1);
    socket.respond('preferences.save', () => ({ ok: false, error: { code: 'rate_limited', message: 'Too many events; slow down' } }));
    const saving = notifications.set('message', false);
    expect(notifications.settings().message).toBe(false);
    await expect(saving).rejects.toMatchObject({ code: 'rate_limited' });
    expect(notifications.settings().message).toBe(true);
    // Offline: refused at once, nothing changes.
    socket.serverDrop();
    await expect(notifications.set('dialog', false)).rejects.toMatchObject({ code: 'offline' });
    expect(notifications.settings().dialog).toBe(true);
  });

  it('a change saved in another panel of the operator applies here (preferences.changed)', async () => {
    const { notifications } = await signIn(1);
    const preferences = TestBed.inject(OperatorPreferences);
    preferences.apply({ ...DEFAULT_OPERATOR_PREFERENCES, notify: { visitor: false, dialog: false, message: true, sound: true } });
    await settle();
    expect(notifications.settings()).toEqual({ visitor: false, dialog: false, message: true, sound: true });
  });

  it('asks for permission only when told to (a click), then shows notifications while the tab is hidden', async () => {
    const { notifications } = await signIn(1);
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
    await notifications.set('visitor', false);
    notifications.notify('visitor', 'Синий Кит', '/catalog', () => undefined);
    expect(FakeNotification.shown.length).toBe(1);
  });

  it('no system notification while the operator is looking at the panel', async () => {
    const { notifications } = await signIn(1);
    FakeNotification.permission = 'granted';
    notifications.permission.set('granted');
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(false);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    notifications.notify('dialog', 'Мария', 'Добрый день', () => undefined);
    expect(FakeNotification.shown).toEqual([]);
  });
});
