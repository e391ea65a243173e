import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type Type, effect, inject, input, signal } from '@angular/core';
import { agencyPageAt } from '../../core/agency-plugin-pages.routes';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';

/**
 * A plugin's page in the agency console (`/agency/:agencyPage`, its manifest's `agencyPages`),
 * loaded lazily. No plugin injector here: staff run no plugin backgrounds, the page provides its own.
 */
@Component({
  selector: 'cp-agency-plugin-host-page',
  imports: [NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (component(); as c) {
      <ng-container *ngComponentOutlet="c" />
    } @else {
      <div class="page"><div class="card card-body" aria-busy="true"><div class="skeleton" style="height: 6rem"></div></div></div>
    }
  `,
})
export class AgencyPluginHostPage {
  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);
  /** The route's `:agencyPage` (agencyPageGuard let it match). */
  readonly agencyPage = input.required<string>();
  protected readonly component = signal<Type<unknown> | null>(null);

  constructor() {
    effect(() => {
      const path = this.agencyPage();
      const found = agencyPageAt(this.registry, path);
      this.component.set(null);
      void found?.page.component().then((c) => {
        if (this.agencyPage() === path) this.component.set(c);
      });
    });
  }
}
