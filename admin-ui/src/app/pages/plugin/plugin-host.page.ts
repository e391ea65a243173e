import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, EnvironmentInjector, type Type, computed, effect, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../core/i18n.service';
import { PluginBackgrounds } from '../../core/plugin-backgrounds.service';
import { pluginPageAt } from '../../core/plugin-pages.routes';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';
import { PluginsService } from '../../core/plugins.service';
import { Icon } from '../../shared/icon';

/**
 * Renders a plugin's lazily loaded admin page inside the shell (`/p/:pluginId`, or one of its
 * `pages` at `/:pluginPage`), under the injector
 * of the plugin's background part when it has one: the page then shares the background's state
 * (connection, lists) instead of making its own, and leaving the page stops none of it.
 */
@Component({
  selector: 'cp-plugin-host-page',
  imports: [NgComponentOutlet, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page(); as loaded) {
      <ng-container *ngComponentOutlet="loaded.component; environmentInjector: loaded.injector" />
    } @else {
      <div class="page">
        <div class="card empty">
          <span class="ico"><cp-icon name="puzzle" /></span>
          <h1>{{ title() }}</h1>
          <p>{{ 'plugins.unavailable' | translate }}</p>
        </div>
      </div>
    }
  `,
  styles: `
    .empty { padding: 3rem 1.5rem; text-align: center; }
    .empty h1 { font-size: 1.25rem; margin: 1rem 0 .5rem; }
    .empty p { margin: 0; color: var(--gray-500); }
    .ico { display: inline-grid; place-items: center; width: 3rem; height: 3rem; border-radius: 12px; background: var(--primary-50); color: var(--primary-600); font-size: 1.375rem; }
  `,
})
export class PluginHostPage {
  private readonly plugins = inject(PluginsService);
  private readonly i18n = inject(I18nService);
  private readonly backgrounds = inject(PluginBackgrounds);
  private readonly shellInjector = inject(EnvironmentInjector);
  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);
  /** `/p/:pluginId`: the plugin's page. */
  readonly pluginIdParam = input<string | undefined>(undefined, { alias: 'pluginId' });
  /** `/:pluginPage`: one of a plugin's top-level pages (pluginPageGuard let it match). */
  readonly pluginPage = input<string | undefined>();
  private readonly target = computed(() => {
    const path = this.pluginPage();
    if (path === undefined) return { id: this.pluginIdParam() ?? '', loader: undefined };
    const found = pluginPageAt(this.registry, path);
    return { id: found?.pluginId ?? '', loader: found?.page.component };
  });
  protected readonly pluginId = computed(() => this.target().id);
  protected readonly page = signal<{ component: Type<unknown>; injector: EnvironmentInjector } | null>(null);
  protected readonly title = computed(() => {
    const plugin = this.plugins.plugins().find((p) => p.id === this.pluginId());
    return plugin ? plugin.title[this.i18n.current()] : this.pluginId();
  });

  constructor() {
    effect(() => {
      const target = this.target();
      const { id, loader: pageLoader } = target;
      const manifest = this.backgrounds.manifest(id);
      const loader = pageLoader ?? manifest?.page;
      this.page.set(null);
      if (!manifest || !loader) return;
      void Promise.all([loader(), this.backgrounds.injectorFor(id)]).then(([component, background]) => {
        // A quick switch to another plugin or page: this answer is stale.
        if (this.target() !== target) return;
        // A page whose background does not run (the plugin is not enabled for the account) stays the placeholder.
        if (!background && (manifest.background || manifest.slots)) return;
        this.page.set({ component, injector: background ?? this.shellInjector });
      });
    });
  }
}
