import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { FEATURE_STATUS, type FeatureGroup } from './feature-status.data';

/** The sign-in page's "what works today / coming" list, collapsed under the form. */
@Component({
  selector: 'cp-feature-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    details { margin-top: 20px; border-top: 1px solid var(--border, #e5e7eb); padding-top: 14px; font-size: 13px; }
    summary { cursor: pointer; font-weight: 600; color: var(--text-muted, #4b5563); }
    h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin: 14px 0 6px; color: var(--text-muted, #6b7280); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li { display: flex; gap: 8px; align-items: baseline; }
    .mark { flex: none; width: 8px; height: 8px; border-radius: 50%; background: #16a34a; transform: translateY(-1px); }
    .coming .mark { background: #9ca3af; }
    .ids { color: var(--text-muted, #6b7280); font-size: 11px; overflow-wrap: anywhere; }
  `,
  template: `
    <details data-testid="feature-status">
      <summary>{{ 'features.title' | translate }}</summary>
      @for (state of states; track state) {
        <h3>{{ 'features.' + state | translate }}</h3>
        <ul [class]="state" [attr.data-testid]="'features-' + state">
          @for (group of groupsIn(state); track group.key) {
            <li>
              <span class="mark" aria-hidden="true"></span>
              <span>{{ 'features.group.' + group.key | translate }} <span class="ids">{{ group.ids.join(', ') }}</span></span>
            </li>
          }
        </ul>
      }
    </details>
  `,
})
export class FeatureStatus {
  protected readonly states = ['works', 'coming'] as const;
  protected groupsIn(state: FeatureGroup['state']): FeatureGroup[] {
    return FEATURE_STATUS.filter((g) => g.state === state);
  }
}
