import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type Type, computed, effect, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../core/i18n.service';
import { PLUGIN_PAGES } from '../../core/plugin-pages';
import { PluginsService } from '../../core/plugins.service';
import { Icon } from '../../shared/icon';

/** Renders a plugin's lazily loaded admin page inside the shell (`/p/:pluginId`). */
@Component({
  selector: 'cp-plugin-host-page',
  imports: [NgComponentOutlet, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page(); as component) {
      <ng-container *ngComponentOutlet="component" />
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
  readonly pluginId = input.required<string>();
  protected readonly page = signal<Type<unknown> | null>(null);
  protected readonly title = computed(() => {
    const plugin = this.plugins.plugins().find((p) => p.id === this.pluginId());
    return plugin ? plugin.title[this.i18n.current()] : this.pluginId();
  });

  constructor() {
    effect(() => {
      const loader = PLUGIN_PAGES[this.pluginId()];
      this.page.set(null);
      if (loader) void loader().then((component) => this.page.set(component));
    });
  }
}
