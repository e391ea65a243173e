import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, TitleStrategy } from '@angular/router';
import { afterEach, describe, expect, it } from 'vitest';
import { openInShell } from '../../testing/shell-harness';
import { SOCKET_FACTORY } from '../core/realtime.service';
import { PANEL_PLUGIN_REGISTRY } from '../core/plugin-registry';
import { TranslatedTitleStrategy } from '../core/title.strategy';
import { FLOATING_WINDOWS, ShellIndicators, definePanelPlugin } from '../plugin-api';

@Component({ selector: 'cp-fixture-settings', changeDetection: ChangeDetectionStrategy.OnPush, template: `<p data-testid="fixture-settings">settings of {{ siteId() }}</p>` })
class FixtureSettings {
  readonly siteId = input.required<string>();
}

@Component({ selector: 'cp-fixture-window', changeDetection: ChangeDetectionStrategy.OnPush, template: `<aside data-testid="fixture-window">call</aside>` })
class FixtureWindow {}

@Component({ selector: 'cp-fixture-board', changeDetection: ChangeDetectionStrategy.OnPush, template: `<p data-testid="fixture-board">board</p>` })
class FixtureBoard {}

/** A plugin with a navigation entry and live badge, a settings page under Sites → Settings, a floating window and an admins' page at /board. */
const fixture = definePanelPlugin({
  id: 'fixture',
  page: () => Promise.resolve(FixtureWindow),
  nav: { icon: 'target', label: { ru: 'Фикстура', en: 'Fixture' }, badge: 'unread' },
  background: () => Promise.resolve({ providers: [], start: () => inject(ShellIndicators).setUnread('fixture', 3) }),
  siteSettings: [{ path: 'things', label: { ru: 'Штуки', en: 'Things' }, component: () => Promise.resolve(FixtureSettings) }],
  slots: () => Promise.resolve([{ provide: FLOATING_WINDOWS, multi: true, useValue: { id: 'window', component: FixtureWindow } }]),
  pages: [{ path: 'board', icon: 'layers', label: { ru: 'Доска', en: 'Board' }, adminOnly: true, component: () => Promise.resolve(FixtureBoard) }],
});

/** The `/panel` socket's listeners, so the spec can play the core's notices and a reconnect. */
const listeners = new Map<string, ((payload?: unknown) => void)[]>();
const panelSocket = {
  provide: SOCKET_FACTORY,
  useValue: (uri: string) => {
    const socket = {
      on: (event: string, listener: () => void) => {
        if (uri === '/panel') listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        if (event === 'connect' && uri === '/panel') setTimeout(listener);
        return socket;
      },
      off: () => socket,
      removeAllListeners: () => socket,
      disconnect: () => socket,
      connect: () => socket,
    };
    return socket;
  },
};
const emit = (event: string) => listeners.get(event)?.forEach((listener) => listener({}));
const FIXTURE = { id: 'fixture', title: { ru: 'Фикстура из CMS', en: 'Fixture from the CMS' } };

describe("the shell follows the account's plugins (A7) without a reload", () => {
  afterEach(() => listeners.clear());

  it('navigation, badge, settings tab and floating window appear on `plugins.changed` and go on a reconnect that finds the plugin off', async () => {
    const shell = await openInShell('/sites/site-1/settings/fixture/things', { width: 1280, height: 800, plugins: [], providers: [panelSocket, { provide: PANEL_PLUGIN_REGISTRY, useValue: [fixture] }] });
    await shell.settle();
    expect(shell.q('nav-plugin-fixture')).toBeNull();
    expect(shell.q('nav-board')).toBeNull();
    expect(shell.q('fixture-window')).toBeNull();
    expect(shell.q('plugin-settings-missing')).toBeTruthy();

    emit('plugins.changed');
    (await shell.expectSoon('/api/plugins')).flush([FIXTURE]);
    await shell.settle();
    // The manifest's label and icon win over the CMS title; the badge is the count its background reports.
    expect(shell.q('nav-plugin-fixture').textContent).toContain('Фикстура');
    expect(shell.q('nav-plugin-fixture').textContent).not.toContain('из CMS');
    expect(shell.q('nav-badge-fixture').textContent?.trim()).toBe('3');
    expect(shell.q('nav-board').textContent?.trim()).toBe('Доска');
    expect(shell.q('fixture-window')).toBeTruthy();
    expect(shell.q('site-settings-tab-fixture-things').textContent?.trim()).toBe('Штуки');
    expect(shell.q('fixture-settings').textContent).toBe('settings of site-1');

    // The connection dropped and came back: the list is read again, and the plugin is now off.
    emit('connect');
    (await shell.expectSoon('/api/plugins')).flush([]);
    await shell.settle();
    expect(shell.q('nav-plugin-fixture')).toBeNull();
    expect(shell.q('nav-board')).toBeNull();
    expect(shell.q('fixture-window')).toBeNull();
    expect(shell.q('site-settings-tab-fixture-things')).toBeNull();
    expect(TestBed.inject(ShellIndicators).unreadOf('fixture')).toBe(0);
  });

  const providers = [panelSocket, { provide: PANEL_PLUGIN_REGISTRY, useValue: [fixture] }];

  it("a plugin's page at its own address opens where the plugin is enabled, under its label", async () => {
    const titled = [...providers, { provide: TitleStrategy, useClass: TranslatedTitleStrategy }];
    const shell = await openInShell('/board', { width: 1280, height: 800, plugins: [FIXTURE], providers: titled });
    await shell.settle();
    expect(shell.q('fixture-board')).toBeTruthy();
    expect(shell.q('nav-board').classList).toContain('active');
    expect(document.title).toContain('Доска · Callpy');
  });

  it('sends home whoever may not see it: the plugin off for the account, or an operator on an admins\' page', async () => {
    for (const [plugins, role] of [[[], 'admin'], [[FIXTURE], 'operator']] as const) {
      const shell = await openInShell('/board', { width: 1280, height: 800, plugins: [...plugins], user: { role }, providers });
      await shell.settle();
      expect(TestBed.inject(Router).url, role).toBe('/home');
      expect(shell.q('fixture-board')).toBeNull();
      expect(shell.q('nav-board')).toBeNull();
      TestBed.resetTestingModule();
    }
  });
});
