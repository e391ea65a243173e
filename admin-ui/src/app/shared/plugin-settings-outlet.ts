import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, type EnvironmentInjector, type Type, input, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { LeavesSafely } from '../pages/design/unsaved-changes.guard';
import { Icon } from './icon';

/** A plugin's settings component, loaded, and the injector it runs under. */
export interface LoadedSettingsPage {
  component: Type<unknown>;
  injector: EnvironmentInjector;
}

/**
 * Where a plugin's `siteSettings` component is shown for a site — Sites → Settings for the
 * account's admin, a client's site in the agency console — and what it answers a route's
 * unsaved-changes guard; «unavailable» when the plugin has no such page (or is off).
 */
@Component({
  selector: 'cp-plugin-settings-outlet',
  imports: [NgComponentOutlet, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page(); as loaded) {
      <ng-container *ngComponentOutlet="loaded.component; inputs: { siteId: siteId() }; environmentInjector: loaded.injector" />
    } @else if (missing()) {
      <div class="card empty" data-testid="plugin-settings-missing">
        <span class="empty-ico"><cp-icon name="puzzle" /></span>
        <p>{{ 'plugins.unavailable' | translate }}</p>
      </div>
    }
  `,
  styles: `.empty { padding: 3rem 1.5rem; text-align: center; } .empty p { margin: .75rem 0 0; color: var(--gray-500); }`,
})
export class PluginSettingsOutlet implements LeavesSafely {
  readonly page = input.required<LoadedSettingsPage | null>();
  readonly missing = input(false);
  readonly siteId = input.required<string>();
  private readonly outlet = viewChild(NgComponentOutlet);

  confirmLeave(): boolean | Promise<boolean> {
    const instance = this.outlet()?.componentInstance as Partial<LeavesSafely> | undefined;
    return instance?.confirmLeave?.() ?? true;
  }
}
