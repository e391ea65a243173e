import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { ToastService } from '../../shared/toast.service';
import { PASSWORD_MIN_LENGTH, matchesSibling, passwordBytes } from '../../shared/validators';
import { ProfileService } from './profile.service';

/**
 * A4: changing one's password on the profile page. The current password is required; the new one
 * follows the rules of a reset. Other devices are signed out; this panel goes on with the session
 * the server answers with.
 */
@Component({
  selector: 'cp-password-form',
  imports: [ReactiveFormsModule, TranslatePipe, ErrorAlert, FieldError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // As the profile's other forms (profile.page.css), which do not reach into this component.
  styles: `
    .form-grid .field { align-content: start; }
    .form-foot { display: flex; justify-content: flex-end; padding-top: .25rem; }
    @media (max-width: 640px) { .form-foot .btn { width: 100%; } }
  `,
  template: `
    <section class="card" aria-labelledby="password-title">
      <div class="card-head">
        <div>
          <h2 id="password-title">{{ 'profile.password.title' | translate }}</h2>
          <p>{{ 'profile.password.subtitle' | translate: { min: minLength } }}</p>
        </div>
      </div>
      <form class="card-body" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="password-form">
        <cp-error-alert [error]="formError()" />
        <div class="field">
          <label for="password-current">{{ 'profile.password.current' | translate }}</label>
          <input id="password-current" class="input" type="password" formControlName="currentPassword" autocomplete="current-password"
            data-testid="password-current" [class.has-error]="!!fieldErrors()['currentPassword']" (input)="clearFieldError('currentPassword')"
            aria-describedby="password-current-error" />
          <cp-field-error [control]="form.controls.currentPassword" [server]="fieldErrors()['currentPassword']" errorId="password-current-error" />
        </div>
        <div class="form-grid">
          <div class="field">
            <label for="password-new">{{ 'fields.newPassword' | translate }}</label>
            <input id="password-new" class="input" type="password" formControlName="newPassword" autocomplete="new-password"
              data-testid="password-new" [class.has-error]="!!fieldErrors()['newPassword']" (input)="clearFieldError('newPassword')"
              aria-describedby="password-new-error" />
            <cp-field-error [control]="form.controls.newPassword" [server]="fieldErrors()['newPassword']" errorId="password-new-error" />
          </div>
          <div class="field">
            <label for="password-confirm">{{ 'fields.confirmPassword' | translate }}</label>
            <input id="password-confirm" class="input" type="password" formControlName="confirm" autocomplete="new-password"
              data-testid="password-confirm" aria-describedby="password-confirm-error" />
            <cp-field-error [control]="form.controls.confirm" errorId="password-confirm-error" />
          </div>
        </div>
        <div class="form-foot">
          <button type="submit" class="btn btn-primary" data-testid="password-save" [disabled]="saving()">
            @if (saving()) { <span class="spinner" aria-hidden="true"></span> }
            {{ 'profile.password.save' | translate }}
          </button>
        </div>
      </form>
    </section>
  `,
})
export class PasswordForm {
  private readonly api = inject(ProfileService);
  private readonly toasts = inject(ToastService);
  private readonly translate = inject(TranslateService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), passwordBytes]],
    confirm: ['', [Validators.required, matchesSibling('newPassword')]],
  });
  protected readonly saving = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  save(): void {
    this.form.controls.confirm.updateValueAndValidity();
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.saving.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    this.api
      .changePassword(currentPassword, newPassword)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.form.reset();
          this.toasts.show('success', 'profile.password.saved');
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const e = toApiError(err);
          if (e.code === 'wrong_password') {
            this.fieldErrors.set({ currentPassword: this.translate.instant('profile.password.wrong') as string });
          } else if (e.code === 'rate_limited') {
            this.formError.set({ key: 'errors.rateLimited' });
          } else {
            this.fieldErrors.set(e.fields);
            if (!Object.keys(e.fields).length) this.formError.set(errorText(e));
          }
        },
      });
  }

  protected clearFieldError(field: string): void {
    const current = this.fieldErrors();
    if (!(field in current)) return;
    this.fieldErrors.set(Object.fromEntries(Object.entries(current).filter(([k]) => k !== field)));
  }
}
