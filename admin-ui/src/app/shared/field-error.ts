import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * The message under a form field: the server's refusal of it (a translation key, see toApiError), otherwise the
 * first client-side validation error once the field was touched (or the form submitted).
 * Re-evaluated on every change detection of the host form (events trigger it in zoneless mode).
 */
@Component({
  selector: 'cp-field-error',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.Default,
  template: `
    @if (server(); as message) {
      <p class="field-error" [id]="errorId()" role="alert">{{ message | translate }}</p>
    } @else if (control().touched && control().errors; as errors) {
      <p class="field-error" [id]="errorId()" role="alert">{{ keyFor(errors) | translate: paramsFor(errors) }}</p>
    }
  `,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  readonly server = input<string | undefined>();
  readonly errorId = input.required<string>();

  protected keyFor(errors: Record<string, unknown>): string {
    if (errors['required']) return 'validation.required';
    if (errors['email']) return 'validation.email';
    if (errors['minlength']) return 'validation.minLength';
    if (errors['mismatch']) return 'validation.mismatch';
    if (errors['url']) return 'validation.url';
    if (errors['maxlength']) return 'validation.maxLength';
    if (errors['phone']) return 'validation.phone';
    if (errors['passwordBytes']) return 'validation.passwordBytes';
    return 'validation.invalid';
  }

  protected paramsFor(errors: Record<string, unknown>): Record<string, unknown> {
    const minlength = errors['minlength'] as { requiredLength?: number } | undefined;
    const maxlength = errors['maxlength'] as { requiredLength?: number } | undefined;
    if (maxlength) return { max: maxlength.requiredLength };
    return minlength ? { min: minlength.requiredLength } : {};
  }
}
