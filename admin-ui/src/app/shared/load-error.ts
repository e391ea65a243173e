import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { ErrorText } from './error-text';
import { ErrorAlert } from './error-alert';

/**
 * What a page or a list shows when its data could not be loaded: the reason and «Повторить».
 * `card`: in a card of its own (a page's body); without, inside a card the page already has.
 */
@Component({
  selector: 'cp-load-error',
  imports: [TranslatePipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="card-body" [class.card]="card()">
      <cp-error-alert [error]="error()" [testId]="testId()" />
      <button type="button" class="btn btn-secondary" (click)="retry.emit()">{{ 'common.retry' | translate }}</button>
    </div>
  `,
})
export class LoadError {
  readonly error = input<ErrorText | null>(null);
  readonly card = input(true);
  readonly testId = input('form-error');
  readonly retry = output();
}
