import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { ErrorText } from './error-text';
import { Icon } from './icon';

/** A form-level error message (server text, or a translated fallback). */
@Component({
  selector: 'cp-error-alert',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="alert alert-error" role="alert" [attr.data-testid]="testId()">
        <cp-icon name="alert" />
        <span>{{ e.key ?? 'errors.generic' | translate }}</span>
      </div>
    }
  `,
})
export class ErrorAlert {
  readonly error = input<ErrorText | null>(null);
  readonly testId = input('form-error');
}
