import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AuthLayout } from '../../shared/auth-layout';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { PASSWORD_MIN_LENGTH, matchesSibling } from '../../shared/validators';

@Component({
  selector: 'cp-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, AuthLayout, ErrorAlert, FieldError, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cp-auth-layout>
      @if (done()) {
        <div class="center" data-testid="reset-done">
          <span class="round ok"><cp-icon name="check" /></span>
          <h1 class="auth-title">{{ 'reset.doneTitle' | translate }}</h1>
          <p class="auth-sub">{{ 'reset.doneText' | translate }}</p>
          <a class="btn btn-primary btn-block" routerLink="/login" data-testid="reset-to-login">{{ 'login.submit' | translate }}</a>
        </div>
      } @else if (!token() || invalidToken()) {
        <div class="center" data-testid="reset-invalid">
          <span class="round bad"><cp-icon name="alert" /></span>
          <h1 class="auth-title">{{ 'reset.invalidTitle' | translate }}</h1>
          <p class="auth-sub">{{ invalidMessage() ?? ('reset.invalidText' | translate) }}</p>
          <a class="btn btn-primary btn-block" routerLink="/forgot-password">{{ 'reset.requestNew' | translate }}</a>
          <p class="auth-foot"><a routerLink="/login">{{ 'forgot.back' | translate }}</a></p>
        </div>
      } @else {
        <h1 class="auth-title">{{ 'reset.title' | translate }}</h1>
        <p class="auth-sub">{{ 'reset.subtitle' | translate: { min: minLength } }}</p>
        <cp-error-alert [error]="error()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <div class="field">
            <label for="reset-password">{{ 'fields.newPassword' | translate }}</label>
            <input id="reset-password" class="input" type="password" formControlName="password" autocomplete="new-password"
              data-testid="reset-password" aria-describedby="reset-password-error" />
            <cp-field-error [control]="form.controls.password" [server]="fieldErrors()['password']" errorId="reset-password-error" />
          </div>
          <div class="field">
            <label for="reset-password-confirm">{{ 'fields.confirmPassword' | translate }}</label>
            <input id="reset-password-confirm" class="input" type="password" formControlName="confirm" autocomplete="new-password"
              data-testid="reset-password-confirm" aria-describedby="reset-confirm-error" />
            <cp-field-error [control]="form.controls.confirm" errorId="reset-confirm-error" />
          </div>
          <button type="submit" class="btn btn-primary btn-block" data-testid="reset-submit" [disabled]="busy()">
            @if (busy()) { <span class="spinner" aria-hidden="true"></span> }
            {{ 'reset.submit' | translate }}
          </button>
        </form>
      }
    </cp-auth-layout>
  `,
  styles: `
    .center { text-align: center; }
    .round { display: inline-grid; place-items: center; width: 3.5rem; height: 3.5rem; margin-bottom: 1rem; border-radius: 50%; font-size: 1.5rem; }
    .ok { background: var(--success-100); color: var(--success-700); }
    .bad { background: var(--danger-100); color: var(--danger-700); }
  `,
})
export class ResetPasswordPage {
  private readonly auth = inject(AuthService);
  /** From the e-mail link `/reset-password?token=...`. */
  readonly token = input<string>();
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    confirm: ['', [Validators.required, matchesSibling('password')]],
  });
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly invalidToken = signal(false);
  protected readonly invalidMessage = signal<string | null>(null);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  submit(): void {
    this.form.markAllAsTouched();
    const token = this.token();
    if (this.form.invalid || this.busy() || !token) return;
    this.busy.set(true);
    this.error.set(null);
    this.fieldErrors.set({});
    this.auth.resetPassword(token, this.form.getRawValue().password).subscribe({
      next: () => this.done.set(true),
      error: (err: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(err);
        if (apiError.code === 'invalid_token') {
          this.invalidMessage.set(apiError.message || null);
          this.invalidToken.set(true);
          return;
        }
        this.fieldErrors.set(apiError.fields);
        this.error.set(errorText(apiError));
      },
    });
  }
}
