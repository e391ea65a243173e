import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { firstValueFrom } from 'rxjs';
import { page } from 'vitest/browser';
import { routes } from '../app/app.routes';
import type { Provider } from '@angular/core';
import type { PluginInfo, User } from '../app/core/api.types';
import { AuthService } from '../app/core/auth.service';
import { SOCKET_FACTORY } from '../app/core/realtime.service';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from './test-providers';

const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Just enough of a socket for the shell's connection dot to say "connected". Plugins' sockets (the
 * chat's background one) stay connecting: their pages are tested with their own fakes.
 */
const connectedSocket = {
  provide: SOCKET_FACTORY,
  useValue: (uri: string) => {
    const socket = {
      on: (event: string, listener: () => void) => {
        if (event === 'connect' && uri === '/panel') setTimeout(listener);
        return socket;
      },
      removeAllListeners: () => socket,
      disconnect: () => socket,
      connect: () => socket,
    };
    return socket;
  },
};

export interface ShellPage {
  backend: HttpTestingController;
  root: Document;
  /** The request to `url` once the lazy page has sent it. */
  expectSoon(url: string | { method: string; url: string }): Promise<TestRequest>;
  settle(): Promise<void>;
  q<T extends HTMLElement = HTMLElement>(testId: string): T;
  all<T extends HTMLElement = HTMLElement>(testId: string): T[];
}

/**
 * A page inside the real shell (top bar, navigation) at `url`, signed in as `user`, in a window of
 * the given size: what a person sees, for screenshots. The caller answers the page's requests.
 */
export async function openInShell(
  url: string,
  options: { width: number; height: number; user?: Partial<User>; providers?: Provider[]; plugins?: PluginInfo[] },
): Promise<ShellPage> {
  const user = makeUser(options.user);
  await page.viewport(options.width, options.height);
  resetBrowserState(user.locale);
  TestBed.configureTestingModule({ providers: [appTestProviders(routes), connectedSocket, ...(options.providers ?? [])] });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login(user.email, 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, user));
  await login;
  const harness = await RouterTestingHarness.create();
  const expectSoon = async (match: string | { method: string; url: string }) => {
    let found = backend.match(match);
    for (let i = 0; i < 100 && !found.length; i++) {
      await pause();
      found = backend.match(match);
    }
    if (!found.length) throw new Error(`no request to ${JSON.stringify(match)}`);
    return found[0]!;
  };
  const navigation = harness.navigateByUrl(url);
  (await expectSoon('/api/plugins')).flush(options.plugins ?? [{ id: 'chat', title: { ru: 'Чат', en: 'Chat' } }]);
  await navigation;
  const root = document;
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      await pause();
      await harness.fixture.whenStable();
    }
  };
  return {
    backend,
    root,
    expectSoon,
    settle,
    q: <T extends HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`)!,
    all: <T extends HTMLElement>(id: string) => [...root.querySelectorAll<T>(`[data-testid="${id}"]`)],
  };
}
