import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../core/i18n.service';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';
import { PluginsService } from '../../core/plugins.service';

/**
 * The tabs of Sites → Settings: the site's own settings, then each settings page the plugins
 * enabled for the account declare (their manifests' `siteSettings`), in the registry's order.
 */
@Component({
  selector: 'cp-site-settings-tabs',
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; margin-bottom: 1.25rem; }
    nav { display: flex; gap: .25rem; overflow-x: auto; border-bottom: 1px solid var(--gray-200); }
    a { padding: .625rem .875rem; border-bottom: 2px solid transparent; margin-bottom: -1px; color: var(--gray-600); font-size: .9rem; font-weight: 500; text-decoration: none; white-space: nowrap; }
    a:hover { color: var(--gray-900); }
    a.active { border-bottom-color: var(--primary-600); color: var(--primary-700); }
  `,
  template: `
    @if (tabs().length) {
      <nav [attr.aria-label]="'siteSettings.tabs.label' | translate" data-testid="site-settings-tabs">
        <a [routerLink]="['/sites', siteId(), 'settings']" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page"
          data-testid="site-settings-tab-main">{{ 'siteSettings.tabs.main' | translate }}</a>
        @for (tab of tabs(); track tab.key) {
          <a [routerLink]="['/sites', siteId(), 'settings', tab.pluginId, tab.path]" routerLinkActive="active" ariaCurrentWhenActive="page"
            [attr.data-testid]="'site-settings-tab-' + tab.key">{{ tab.label }}</a>
        }
      </nav>
    }
  `,
})
export class SiteSettingsTabs {
  readonly siteId = input.required<string>();
  private readonly plugins = inject(PluginsService);
  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);
  private readonly i18n = inject(I18nService);

  protected readonly tabs = computed(() => {
    const locale = this.i18n.current();
    return this.plugins.plugins().flatMap((plugin) =>
      (this.registry.find((m) => m.id === plugin.id)?.siteSettings ?? []).map((entry) => ({
        key: `${plugin.id}-${entry.path}`,
        pluginId: plugin.id,
        path: entry.path,
        label: entry.label[locale],
      })),
    );
  });
}
