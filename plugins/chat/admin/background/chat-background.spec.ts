import { HttpTestingController } from '@angular/common/http/testing';
import { EnvironmentInjector, createComponent, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthService, ShellIndicators } from '../../../../admin-ui/src/app/plugin-api';
import { PluginBackgrounds } from '../../../../admin-ui/src/testing/plugin-testing';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../../admin-ui/src/testing/test-providers';
import { ChatPage } from '../workplace/chat.page';
import { Chime } from './chime';
import { ChatStore } from './chat-store';
import { dialog, message, serveChat } from '../testing/chat-fixtures';
import { type FakeChatSocket, fakeChatSockets } from '../testing/fake-chat-socket';

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
};

/**
 * The shell's host of plugin backgrounds (what the Shell provides), signed in as operator 1, on
 * fake sockets; `host.destroy()` is the shell going away (sign-out).
 */
async function shellHost(): Promise<{ host: EnvironmentInjector; backgrounds: PluginBackgrounds; sockets: FakeChatSocket[] }> {
  resetBrowserState('ru');
  const sockets: FakeChatSocket[] = [];
  TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets)] });
  initI18n();
  const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
  TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(authResponse(1, makeUser()));
  await login;
  const host = createEnvironmentInjector([PluginBackgrounds], TestBed.inject(EnvironmentInjector));
  return { host, backgrounds: host.get(PluginBackgrounds), sockets };
}

/** A visitor's message in a dialog the operator has not opened. */
const visitorWrites = (socket: FakeChatSocket, id: string, dialogId: string) =>
  socket.push('message.created', message({ id, dialogId, text: 'Здравствуйте, есть доставка?', createdAt: new Date().toISOString() }));

describe('the chat background (issue 9, item 1)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('nothing of the chat runs while the account does not have it; enabled, it connects before any chat page opens', async () => {
    const { host, backgrounds, sockets } = await shellHost();
    backgrounds.runOnly(['forms']);
    expect(await backgrounds.injectorFor('chat')).toBeNull();
    expect(sockets).toHaveLength(0);

    backgrounds.runOnly(['forms', 'chat']);
    expect(await backgrounds.injectorFor('chat')).not.toBeNull();
    expect(sockets).toHaveLength(1);
    host.destroy();
  });

  it('off the chat page: the operator stays connected, hears the sound, gets the unread count and a status for Home; sign-out disconnects', async () => {
    const play = vi.spyOn(Chime.prototype, 'play');
    const unlock = vi.spyOn(Chime.prototype, 'unlock');
    const { host, backgrounds, sockets } = await shellHost();
    backgrounds.runOnly(['chat']);
    const injector = (await backgrounds.injectorFor('chat'))!;
    const socket = sockets[0]!;
    serveChat(socket);
    socket.serverConnect();
    await settle();
    const indicators = TestBed.inject(ShellIndicators);
    expect(indicators.statuses()).toEqual([{ source: 'chat', labelKey: 'chat.status.online', tone: 'on' }]);

    // The chat page opens and goes: the background and its connection stay.
    const page = createComponent(ChatPage, { environmentInjector: injector });
    expect(injector.get(ChatStore).viewing()).toBe(true);
    page.destroy();
    expect(injector.get(ChatStore).viewing()).toBe(false);
    expect(socket.active).toBe(true);

    // A click anywhere in the panel lets sounds play; a visitor's message then sounds and counts.
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(unlock).toHaveBeenCalled();
    // (The fixtures' listed dialogs may already wait unread: count from there.)
    const before = indicators.unread();
    socket.push('dialog.updated', dialog({ id: 'dlg-20', visitorId: 'v-3', siteId: 'site-1', assigneeId: null }));
    visitorWrites(socket, 'm-new', 'dlg-20');
    await settle();
    expect(play).toHaveBeenCalled();
    expect(indicators.unread()).toBe(before + 1);
    // A second message in the same dialog is still one dialog waiting; another dialog makes two.
    visitorWrites(socket, 'm-new-2', 'dlg-20');
    visitorWrites(socket, 'm-new-3', 'dlg-21');
    await settle();
    expect(indicators.unread()).toBe(before + 2);
    // A dialog closes elsewhere: it no longer waits.
    socket.push('dialog.updated', dialog({ id: 'dlg-21', visitorId: 'v-4', status: 'closed', lastMessage: message({ id: 'm-new-3', dialogId: 'dlg-21', createdAt: new Date().toISOString() }) }));
    await settle();
    expect(indicators.unread()).toBe(before + 1);

    socket.serverDrop();
    await settle();
    expect(indicators.statuses()).toEqual([{ source: 'chat', labelKey: 'chat.status.lost', tone: 'off' }]);

    // Sign-out: the shell goes, and with it the connection, the count and the status.
    const disconnect = vi.spyOn(socket, 'disconnect');
    host.destroy();
    await settle();
    expect(disconnect).toHaveBeenCalled();
    expect(indicators.unread()).toBe(0);
    expect(indicators.statuses()).toEqual([]);
  });
});
