import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Icon, type IconName } from '../../shared/icon';

/** One settings card of the design page: icon, title and hint over the projected controls. */
@Component({
  selector: 'section[cpDesignSection]',
  imports: [Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'card', '[attr.aria-labelledby]': 'headingId()' },
  styles: `
    .section-head { display: flex; align-items: flex-start; gap: .875rem; padding: 1.125rem 1.5rem; border-bottom: 1px solid var(--gray-200); }
    .section-head > div { flex: 1; min-width: 0; }
    h2 { font-size: 1rem; font-weight: 650; }
    p { margin: .125rem 0 0; font-size: .8125rem; color: var(--gray-500); line-height: 1.45; }
    .ico { flex: none; display: grid; place-items: center; width: 2.25rem; height: 2.25rem; border-radius: 9px; background: var(--primary-50);
      color: var(--primary-600); font-size: 1.0625rem; box-shadow: inset 0 0 0 1px var(--primary-100); }
    @media (max-width: 640px) {
      .section-head { padding: 1rem 1.125rem; }
    }
  `,
  template: `
    <div class="section-head">
      <span class="ico"><cp-icon [name]="icon()" /></span>
      <div>
        <h2 [id]="headingId()">{{ heading() }}</h2>
        <p>{{ hint() }}</p>
      </div>
      <ng-content select="[sectionBadge]" />
    </div>
    <div class="card-body"><ng-content /></div>
  `,
})
export class DesignSection {
  readonly cpDesignSection = input.required<string>();
  readonly icon = input.required<IconName>();
  readonly heading = input.required<string>();
  readonly hint = input.required<string>();
  protected readonly headingId = computed(() => `design-${this.cpDesignSection()}-title`);
}
