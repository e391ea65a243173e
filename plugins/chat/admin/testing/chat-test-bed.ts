import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { page } from 'vitest/browser';
import { AuthService, type User } from '../../../../admin-ui/src/app/plugin-api';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import type { OperatorPreferencesDto } from '../../shared/chat.protocol';
import { chatBackground } from '../background/chat-background';
import { ChatPage } from '../workplace/chat.page';
import { ChatStore } from '../background/chat-store';
import { serveChat } from './chat-fixtures';
import type { FakeChatSocket} from './fake-chat-socket';
import { fakeChatSockets } from './fake-chat-socket';

/** Lets socket answers (microtasks), timers of 0 ms and change detection run. */
export async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

export interface ChatHarness {
  fixture: ComponentFixture<ChatPage>;
  el: HTMLElement;
  socket: FakeChatSocket;
  sockets: FakeChatSocket[];
  backend: HttpTestingController;
  store: ChatStore;
  q<T extends HTMLElement = HTMLElement>(testId: string): T;
  all<T extends HTMLElement = HTMLElement>(testId: string): T[];
  settle(): Promise<void>;
}

/**
 * The chat page (1280×800 unless told otherwise), signed in as Анна (operator id 1), on a fake `/chat`
 * socket that answers the list requests with the fixtures and is connected.
 */
export async function renderChat(
  options: { user?: Partial<User>; locale?: 'ru' | 'en'; serve?: boolean; viewport?: [number, number]; preferences?: OperatorPreferencesDto } = {},
): Promise<ChatHarness> {
  await page.viewport(...(options.viewport ?? ([1280, 800] as const)));
  resetBrowserState(options.locale ?? 'ru');
  const sockets: FakeChatSocket[] = [];
  // The chat's background part as the shell runs it: the page is created under its services.
  TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets), chatBackground.providers] });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ locale: options.locale ?? 'ru', ...options.user })));
  await login;

  TestBed.runInInjectionContext(chatBackground.start);
  const fixture = TestBed.createComponent(ChatPage);
  await fixture.whenStable();
  const socket = sockets[0]!;
  if (options.serve !== false) serveChat(socket);
  if (options.preferences) socket.respond('preferences.get', options.preferences);
  socket.serverConnect();
  await settle(fixture);
  const el = fixture.nativeElement as HTMLElement;
  return {
    fixture,
    el,
    socket,
    sockets,
    backend,
    store: fixture.debugElement.injector.get(ChatStore),
    q: <T extends HTMLElement>(testId: string) => el.querySelector(`[data-testid="${testId}"]`) as T,
    all: <T extends HTMLElement>(testId: string) => [...el.querySelectorAll<T>(`[data-testid="${testId}"]`)],
    settle: () => settle(fixture),
  };
}
