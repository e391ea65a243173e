import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { FieldProblem } from './manager-form';

/**
 * Under a field of the management forms (C11, C12): its problem, if shown, and — given `max` — how
 * much of the limit is used. Ids `<noteId>-error` and `<noteId>-count` are for the field's
 * `aria-describedby`.
 */
@Component({
  selector: 'cp-field-note',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; align-items: flex-start; gap: .5rem; margin-top: .25rem; }
    :host(:empty) { display: none; }
    .field-error { flex: 1; margin: 0; }
    .count { margin-left: auto; font-size: .75rem; color: var(--gray-400); font-variant-numeric: tabular-nums; }
  `,
  template: `
    @if (problem(); as p) {
      <p class="field-error" [id]="noteId() + '-error'" role="alert" [attr.data-testid]="testId()">{{ p.key | translate: p.params }}</p>
    }
    @if (max(); as limit) {
      <span class="count" [id]="noteId() + '-count'">{{ length() }} / {{ limit }}</span>
    }
  `,
})
export class FieldNote {
  readonly problem = input<FieldProblem | null>(null);
  readonly noteId = input.required<string>();
  readonly testId = input.required<string>();
  readonly length = input(0);
  readonly max = input<number | null>(null);
}
