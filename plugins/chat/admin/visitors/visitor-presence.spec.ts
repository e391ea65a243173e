import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageView, VisitorBrief, VisitorDto, VisitorPresence } from '../../shared/chat.protocol';
import { ChatNotifications } from '../background/notifications.service';
import { VISITORS, visitor } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';

/** Issue 9 item 16: a visitor's hello, activity and leaving arrive as deltas; the panel applies them to what it has. */
const SHOP = 'https://romashka-shop.ru';

const brief = ({ page: _page, pages: _pages, ...rest }: VisitorDto): VisitorBrief => rest;
const presence = (visitorId: string, changes: Partial<VisitorPresence>): VisitorPresence => ({ visitorId, activity: 'active', chatOpen: false, lastSeenAt: new Date().toISOString(), ...changes });
const item = (h: ChatHarness, id: string) => h.el.querySelector<HTMLElement>(`[data-testid="chat-visitor-item"][data-visitor-id="${id}"]`)!;
const known = (h: ChatHarness, id: string) => h.store.visitorsById().get(id)!;

async function visitorsTab(): Promise<ChatHarness> {
  const h = await renderChat();
  h.q('chat-tab-visitors').click();
  await h.settle();
  return h;
}

describe('visitor deltas in the panel', () => {
  afterEach(() => vi.restoreAllMocks());

  it('visitor.presence changes activity and chat window, and leaving ends the open page view', async () => {
    const h = await visitorsTab();
    const before = known(h, 'v-3');
    expect(h.q('chat-new-visitors-count').textContent?.trim()).toBe('2');

    h.socket.push('visitor.presence', presence('v-3', { activity: 'hidden', chatOpen: true }));
    await h.settle();
    expect(item(h, 'v-3').dataset['activity']).toBe('hidden');
    expect(item(h, 'v-3').textContent).toContain('Чат открыт');
    expect(known(h, 'v-3').pages).toEqual(before.pages);

    const leftAt = new Date().toISOString();
    h.socket.push('visitor.presence', presence('v-3', { activity: 'left', chatOpen: true, lastSeenAt: leftAt }));
    await h.settle();
    expect(item(h, 'v-3').dataset['activity']).toBe('left');
    expect(item(h, 'v-3').querySelector('[data-testid="chat-visitor-start"]')).toBeNull();
    expect(h.q('chat-new-visitors-count').textContent?.trim()).toBe('1');
    const gone = known(h, 'v-3');
    expect(gone).toMatchObject({ activity: 'left', lastSeenAt: leftAt, page: before.page });
    // The page they were on ended when they left; the earlier one keeps its own end.
    expect(gone.pages.map((p) => p.leftAt)).toEqual([before.pages[0]!.leftAt, leftAt]);

    // Nothing to apply it to: the panel does not invent a visitor from a presence.
    h.socket.push('visitor.presence', presence('v-99', { activity: 'hidden' }));
    await h.settle();
    expect(h.all('chat-visitor-item')).toHaveLength(VISITORS.length);
  });

  it('visitor.presence reaches the open dialog\'s visitor too', async () => {
    const h = await renderChat();
    h.all('chat-dialog-item')[0]!.click();
    await h.settle();
    const id = h.store.open()!.visitor.id;
    h.socket.push('visitor.presence', presence(id, { activity: 'hidden', chatOpen: true }));
    await h.settle();
    expect(h.store.open()!.visitor).toMatchObject({ activity: 'hidden', chatOpen: true });
  });

  it('visitor.arrived merges the new page into a known visitor\'s history, and adds an unknown one with it', async () => {
    const h = await visitorsTab();
    const notify = vi.spyOn(h.fixture.debugElement.injector.get(ChatNotifications), 'notify');
    const before = known(h, 'v-5');
    const at = new Date().toISOString();
    const view: PageView = { url: `${SHOP}/sale`, title: 'Скидки недели', referrer: '', at, leftAt: null };

    // v-5 had left; they come back on another page, from elsewhere.
    h.socket.push('visitor.arrived', { visitor: { ...brief(before), activity: 'active', location: 'Тверь, Россия', lastSeenAt: at }, view });
    await h.settle();
    const back = known(h, 'v-5');
    expect(back).toMatchObject({ activity: 'active', location: 'Тверь, Россия', lastSeenAt: at, page: { url: view.url, title: view.title, referrer: '' } });
    expect(back.pages).toEqual([...before.pages, view]);
    expect(item(h, 'v-5').textContent).toContain('Скидки недели');
    expect(notify).not.toHaveBeenCalled();

    // A visitor the panel did not list: added, with the page just opened as their history; operators are told.
    const newcomer = visitor({ id: 'v-30', name: 'Добрый Кит · Тверь', lastSeenAt: at });
    h.socket.push('visitor.arrived', { visitor: brief(newcomer), view });
    await h.settle();
    expect(h.all('chat-visitor-item')).toHaveLength(VISITORS.length + 1);
    expect(known(h, 'v-30')).toMatchObject({ name: 'Добрый Кит · Тверь', page: { url: view.url, title: view.title, referrer: '' }, pages: [view] });
    expect(notify.mock.calls.map(([kind, name, text]) => [kind, name, text])).toEqual([['visitor', 'Добрый Кит · Тверь', 'Скидки недели']]);
  });
});
