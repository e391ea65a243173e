import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { appTestProviders } from '../../testing/test-providers';
import { definePanelPlugin, type PluginBackground } from '../plugin-api';
import { PluginBackgrounds } from './plugin-backgrounds.service';
import { PANEL_PLUGIN_REGISTRY } from './plugin-registry';
import { ShellIndicators } from './shell-indicators.service';

describe('PluginBackgrounds (the shell runs the enabled plugins’ panel parts)', () => {
  it('a plugin switched off and on again while its code loads starts once; one switched off loses its indicators', async () => {
    let release!: (background: PluginBackground) => void;
    const loaded = new Promise<PluginBackground>((resolve) => (release = resolve));
    let starts = 0;
    const slow = definePanelPlugin({ id: 'slow', background: () => loaded });
    TestBed.configureTestingModule({ providers: [appTestProviders()] });
    const injector = createEnvironmentInjector([PluginBackgrounds, { provide: PANEL_PLUGIN_REGISTRY, useValue: [slow] }], TestBed.inject(EnvironmentInjector));
    const backgrounds = injector.get(PluginBackgrounds);
    const indicators = TestBed.inject(ShellIndicators);

    backgrounds.runOnly(['slow']);
    backgrounds.runOnly([]);
    backgrounds.runOnly(['slow']);
    release({ providers: [], start: () => (starts++, indicators.setUnread('slow', 2)) });
    expect(await backgrounds.injectorFor('slow')).toBeTruthy();
    expect(starts).toBe(1);
    expect(indicators.unreadOf('slow')).toBe(2);

    backgrounds.runOnly([]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(indicators.unreadOf('slow')).toBe(0);
    expect(await backgrounds.injectorFor('slow')).toBeNull();
  });
});
