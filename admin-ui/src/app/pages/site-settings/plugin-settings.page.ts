import { ChangeDetectionStrategy, Component, EnvironmentInjector, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { PluginBackgrounds } from '../../core/plugin-backgrounds.service';
import { PluginsService } from '../../core/plugins.service';
import { type LoadedSettingsPage, PluginSettingsOutlet } from '../../shared/plugin-settings-outlet';
import type { LeavesSafely } from '../design/unsaved-changes.guard';
import { SiteSettingsTabs } from './site-settings-tabs';

/**
 * A plugin's page under Sites → Settings (`sites/:siteId/settings/:pluginId/:path`), created under
 * the plugin's injector so it shares its services. Only for a plugin enabled for the account; the
 * page's own unsaved-changes question (`confirmLeave`) answers the route's guard.
 */
@Component({
  selector: 'cp-plugin-settings-page',
  imports: [PluginSettingsOutlet, RouterLink, TranslatePipe, SiteSettingsTabs],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <nav class="crumbs" [attr.aria-label]="'siteSettings.breadcrumbs' | translate">
        <a routerLink="/sites">{{ 'nav.sites' | translate }}</a><span aria-hidden="true">/</span>
        <a [routerLink]="['/sites', siteId(), 'settings']">{{ 'siteSettings.title' | translate }}</a>
      </nav>
      <cp-site-settings-tabs [siteId]="siteId()" />
      <cp-plugin-settings-outlet [page]="page()" [missing]="missing()" [siteId]="siteId()" />
    </div>
  `,
})
export class PluginSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  readonly pluginId = input.required<string>();
  readonly path = input.required<string>();

  private readonly backgrounds = inject(PluginBackgrounds);
  private readonly plugins = inject(PluginsService);
  private readonly shellInjector = inject(EnvironmentInjector);
  private readonly outlet = viewChild(PluginSettingsOutlet);
  protected readonly page = signal<LoadedSettingsPage | null>(null);
  private readonly entry = computed(() => {
    const enabled = this.plugins.plugins().some((p) => p.id === this.pluginId());
    return enabled ? this.backgrounds.manifest(this.pluginId())?.siteSettings?.find((e) => e.path === this.path()) : undefined;
  });
  protected readonly missing = computed(() => this.plugins.loaded() && !this.entry());

  constructor() {
    effect(() => {
      const entry = this.entry();
      const id = this.pluginId();
      this.page.set(null);
      if (!entry) return;
      void Promise.all([entry.component(), this.backgrounds.injectorFor(id)]).then(([component, injector]) => {
        if (this.entry() !== entry) return;
        this.page.set({ component, injector: injector ?? this.shellInjector });
      });
    });
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.outlet()?.confirmLeave() ?? true;
  }
}
