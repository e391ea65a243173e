import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PanelNotifications, PluginSlots, VISITOR_LIST_BADGES } from '../../../../admin-ui/src/app/plugin-api';
import { PANEL_PLUGIN_REGISTRY, PluginBackgrounds } from '../../../../admin-ui/src/testing/plugin-testing';
import { DEFAULT_OPERATOR_PREFERENCES } from '../../shared/chat.protocol';
import { message } from '../testing/chat-fixtures';
import { type ChatHarness, renderChat } from '../testing/chat-test-bed';
import { fixturePlugin, fixtureRuns } from '../testing/fixture-plugin';

/** The shell's plugin runner over a registry holding the fixture plugin, as the account's list switches it. */
function runner(): { backgrounds: PluginBackgrounds; until: (shown: boolean) => Promise<void> } {
  const injector = createEnvironmentInjector([PluginBackgrounds, { provide: PANEL_PLUGIN_REGISTRY, useValue: [fixturePlugin] }], TestBed.inject(EnvironmentInjector));
  const slots = TestBed.inject(PluginSlots);
  return {
    backgrounds: injector.get(PluginBackgrounds),
    // Starting loads the plugin's slot providers (a lazy import in real manifests): wait for its entries.
    until: async (shown) => {
      for (let i = 0; i < 50 && slots.of(VISITOR_LIST_BADGES)().length > 0 !== shown; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

const texts = (h: ChatHarness, testId: string) => h.all(testId).map((e) => e.textContent?.trim());

async function openDialog(h: ChatHarness): Promise<void> {
  h.all('chat-dialog-item')[0]!.click();
  await h.settle();
}

describe("the chat workplace's slots, filled by another plugin", () => {
  beforeEach(() => (fixtureRuns.length = 0));
  afterEach(() => TestBed.inject(PluginSlots).setRunning(new Map()));

  it('shows what the plugin puts into each slot: badges, toolbar actions, card section, message kind, notification switch', async () => {
    const h = await renderChat({ preferences: { ...DEFAULT_OPERATOR_PREFERENCES, quickActions: ['transfer', 'fixture.pin'] } });
    const { backgrounds, until } = runner();
    backgrounds.runOnly(['fixture']);
    await until(true);
    await h.settle();

    // The dialog list's rows get the dialog too; the visitors list's, the visitor.
    expect(texts(h, 'fixture-badge')[0]).toMatch(/^★v-\d+\/dlg-\d+$/);
    h.q('chat-tab-visitors').click();
    await h.settle();
    expect(h.all('chat-visitor-item').map((row) => row.querySelector('[data-testid="fixture-badge"]')?.textContent)).toEqual(
      h.all('chat-visitor-item').map((row) => `★${row.dataset['visitorId']}`),
    );
    h.q('chat-tab-dialogs').click();
    await h.settle();
    await openDialog(h);
    const open = h.store.open()!;
    // Primary: a button of its own; secondary: pinned here by the operator's saved choice.
    h.q('chat-plugin-action-fixture.go').click();
    h.q('chat-quick-fixture.pin').querySelector<HTMLElement>('button')!.click();
    expect(fixtureRuns).toEqual([
      { action: 'primary', context: { dialogId: open.dialog.id, visitorId: open.visitor.id, siteId: open.dialog.siteId } },
      { action: 'secondary', context: { dialogId: open.dialog.id, visitorId: open.visitor.id, siteId: open.dialog.siteId } },
    ]);

    if (!h.q('visitor-card-title')) {
      h.q('chat-card-toggle').click();
      await h.settle();
    }
    expect(h.q('visitor-card-section-fixture').textContent).toContain('Фикстура');
    expect(h.q('fixture-section').textContent).toBe(`visitor ${open.visitor.id} of ${open.visitor.siteId}`);

    // A message of the plugin's kind is drawn by its renderer; one of a kind nobody renders shows its text.
    h.socket.push('message.created', message({ id: 'm-kind', dialogId: open.dialog.id, text: 'Fallback', kind: 'fixture.card', payload: { title: 'Карточка' }, createdAt: new Date().toISOString() }));
    h.socket.push('message.created', message({ id: 'm-unknown', dialogId: open.dialog.id, text: 'Как текст', kind: 'other.card', payload: {}, createdAt: new Date().toISOString() }));
    await h.settle();
    expect(h.q('fixture-message').textContent).toBe('Карточка');
    expect(h.el.querySelector('[data-message-id="m-unknown"]')?.textContent).toContain('Как текст');

    h.q('chat-notify-toggle').click();
    await h.settle();
    const box = h.q<HTMLInputElement>('chat-notify-plugin-fixture');
    expect(box.checked).toBe(true);
    box.click();
    await h.settle();
    expect(TestBed.inject(PanelNotifications).isOn('fixture')).toBe(false);
    // Kept with the chat's own switches, on the server (they follow the operator to another browser).
    expect(h.socket.requests('preferences.save').map((r) => r.payload)).toContainEqual({ pluginNotify: { fixture: false } });
  });

  it("a plugin switched off takes its entries with it, and brings them back when switched on, without a reload", async () => {
    const h = await renderChat({ preferences: { ...DEFAULT_OPERATOR_PREFERENCES, quickActions: ['fixture.pin', 'transfer'] } });
    const { backgrounds, until } = runner();
    backgrounds.runOnly(['fixture']);
    await until(true);
    await openDialog(h);
    expect(h.q('chat-plugin-action-fixture.go')).toBeTruthy();
    expect(h.all('fixture-badge').length).toBeGreaterThan(0);

    backgrounds.runOnly([]);
    await until(false);
    await h.settle();
    expect(h.q('chat-plugin-action-fixture.go')).toBeNull();
    expect(h.q('chat-quick-fixture.pin')).toBeNull();
    expect(h.all('fixture-badge')).toEqual([]);
    expect(h.q('visitor-card-section-fixture')).toBeNull();
    // Its pinned action keeps its place in the saved list, and the quick bar shows the rest.
    expect([...h.q('chat-quickbar').querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset['action'])).toEqual(['transfer']);

    backgrounds.runOnly(['fixture']);
    await until(true);
    await h.settle();
    expect(h.q('chat-plugin-action-fixture.go')).toBeTruthy();
    expect([...h.q('chat-quickbar').querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset['action'])).toEqual(['fixture.pin', 'transfer']);
    expect(h.all('fixture-badge').length).toBeGreaterThan(0);
  });
});
