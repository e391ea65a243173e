import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../../../admin-ui/src/app/plugin-api';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../admin-ui/src/testing/test-providers';
import { DEFAULT_OPERATOR_PREFERENCES, type SiteBriefDto } from '../shared/chat.protocol';
import { ChatSocket } from './background/chat-socket.service';
import { ChatNotifications } from './background/notifications.service';
import { OperatorPreferences } from './settings/preferences.service';
import { SiteNotifyRules } from './site-notify-rules.service';
import { dialog } from './testing/chat-fixtures';
import { type FakeChatSocket, fakeChatSockets } from './testing/fake-chat-socket';

const SHOP: SiteBriefDto = { id: 'shop', name: 'Магазин', notifications: { visitor: false, dialog: true, message: true } };
const PROMO: SiteBriefDto = { id: 'promo', name: 'Лендинг', notifications: { visitor: true, dialog: true, message: false } };

/** The rules of a connected panel whose account has `sites`. */
async function connected(sites: SiteBriefDto[] = [SHOP, PROMO]): Promise<{ rules: SiteNotifyRules; socket: FakeChatSocket }> {
  resetBrowserState('ru');
  const sockets: FakeChatSocket[] = [];
  TestBed.configureTestingModule({ providers: [appTestProviders(), fakeChatSockets(sockets), ChatSocket, OperatorPreferences, SiteNotifyRules, ChatNotifications] });
  initI18n();
  const login = firstValueFrom(TestBed.inject(AuthService).login('x@romashka.ru', 'password1'));
  TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(authResponse(1, makeUser({ id: 1 })));
  await login;
  const rules = TestBed.inject(SiteNotifyRules);
  TestBed.inject(ChatSocket).connect();
  const socket = sockets[0]!;
  socket.respond('sites.list', sites);
  socket.respond('preferences.get', DEFAULT_OPERATOR_PREFERENCES);
  socket.serverConnect();
  await new Promise((resolve) => setTimeout(resolve));
  return { rules, socket };
}

/** Whether `show` was called for this kind and place. */
function shown(rules: SiteNotifyRules, kind: 'visitor' | 'dialog' | 'message', where: { siteId?: string; dialogId?: string }): boolean {
  const show = vi.fn();
  rules.whenAllowed(kind, where, show);
  return show.mock.calls.length > 0;
}

describe('SiteNotifyRules (C20 per site)', () => {
  beforeEach(() => TestBed.resetTestingModule());

  it("follows each site's switches, loaded on connect", async () => {
    const { rules, socket } = await connected();
    expect(socket.requests('sites.list')).toHaveLength(1);
    expect(shown(rules, 'visitor', { siteId: 'shop' })).toBe(false);
    expect(shown(rules, 'visitor', { siteId: 'promo' })).toBe(true);
    expect(shown(rules, 'message', { siteId: 'promo' })).toBe(false);
    // A site not heard of yet: allowed when some site of the account allows the kind.
    expect(shown(rules, 'visitor', { siteId: 'new-site' })).toBe(true);
  });

  it('applies a change saved by the admin at once (site.updated)', async () => {
    const { rules, socket } = await connected();
    socket.push('site.updated', { ...SHOP, notifications: { ...SHOP.notifications, visitor: true } });
    expect(shown(rules, 'visitor', { siteId: 'shop' })).toBe(true);
    socket.push('site.updated', { ...PROMO, notifications: { visitor: false, dialog: false, message: false } });
    expect(shown(rules, 'dialog', { siteId: 'promo' })).toBe(false);
  });

  it("a message in a dialog of unknown site waits for the dialog's update, which names the site", async () => {
    const { rules, socket } = await connected();
    const promoMessage = vi.fn();
    const shopMessage = vi.fn();
    rules.whenAllowed('message', { dialogId: 'd-promo' }, promoMessage);
    rules.whenAllowed('message', { dialogId: 'd-shop' }, shopMessage);
    expect(promoMessage).not.toHaveBeenCalled();
    socket.push('dialog.updated', dialog({ id: 'd-promo', siteId: 'promo' }));
    socket.push('dialog.updated', dialog({ id: 'd-shop', siteId: 'shop' }));
    expect(promoMessage).not.toHaveBeenCalled();
    expect(shopMessage).toHaveBeenCalledOnce();
    // Known from now on: decided at once.
    expect(shown(rules, 'message', { dialogId: 'd-shop' })).toBe(true);
  });

  it('without word of the site within a moment, decides as for an unknown site', async () => {
    const { rules } = await connected([SHOP]);
    const show = vi.fn();
    rules.whenAllowed('visitor', { dialogId: 'd-never' }, show);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(show).not.toHaveBeenCalled();
  });

  it("the operator's own switch narrows what the site allows: off, the site is not even asked", async () => {
    await connected();
    const notifications = TestBed.inject(ChatNotifications);
    const asked = vi.spyOn(TestBed.inject(SiteNotifyRules), 'whenAllowed');
    notifications.notify('dialog', 'Мария', 'Здравствуйте', () => undefined, { siteId: 'shop' });
    expect(asked).toHaveBeenCalledOnce();
    TestBed.inject(OperatorPreferences).apply({ ...DEFAULT_OPERATOR_PREFERENCES, notify: { ...DEFAULT_OPERATOR_PREFERENCES.notify, dialog: false } });
    notifications.notify('dialog', 'Мария', 'Здравствуйте', () => undefined, { siteId: 'shop' });
    expect(asked).toHaveBeenCalledOnce();
  });
});
