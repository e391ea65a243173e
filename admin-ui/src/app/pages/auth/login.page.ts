import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import { homePath, safeReturnUrl } from '../../core/auth.guards';
import { AuthService, type SignOutReason } from '../../core/auth.service';
import { AuthLayout } from '../../shared/auth-layout';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { FeatureStatus } from './feature-status';

@Component({
  selector: 'cp-login-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, AuthLayout, ErrorAlert, FieldError, Icon, FeatureStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cp-auth-layout>
      <h1 class="auth-title">{{ 'login.title' | translate }}</h1>
      <p class="auth-sub">{{ 'login.subtitle' | translate }}</p>

      @if (notice(); as n) {
        <div class="alert alert-info" role="status" data-testid="login-notice">
          <cp-icon name="alert" /> <span>{{ 'login.notice.' + n | translate }}</span>
        </div>
      }
      <cp-error-alert [error]="error()" testId="login-error" />

      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="field">
          <label for="login-email">{{ 'fields.email' | translate }}</label>
          <input id="login-email" class="input" type="email" formControlName="email" autocomplete="username" inputmode="email"
            data-testid="login-email" [attr.aria-invalid]="form.controls.email.touched && form.controls.email.invalid"
            aria-describedby="login-email-error" />
          <cp-field-error [control]="form.controls.email" errorId="login-email-error" />
        </div>
        <div class="field">
          <div class="label-row">
            <label for="login-password" class="label">{{ 'fields.password' | translate }}</label>
            <a routerLink="/forgot-password" data-testid="forgot-link">{{ 'login.forgot' | translate }}</a>
          </div>
          <input id="login-password" class="input" type="password" formControlName="password" autocomplete="current-password"
            data-testid="login-password" [attr.aria-invalid]="form.controls.password.touched && form.controls.password.invalid"
            aria-describedby="login-password-error" />
          <cp-field-error [control]="form.controls.password" errorId="login-password-error" />
        </div>
        <button type="submit" class="btn btn-primary btn-block" data-testid="login-submit" [disabled]="busy()">
          @if (busy()) { <span class="spinner" aria-hidden="true"></span> }
          {{ 'login.submit' | translate }}
        </button>
      </form>
      <cp-feature-status />
    </cp-auth-layout>
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Bound from the query string (`/login?returnUrl=/team`). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly notice = signal<SignOutReason | null>(this.auth.signOutReason());

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.auth.login(email.trim(), password).subscribe({
      next: () => {
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? homePath(this.auth));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(toApiError(err)));
      },
    });
  }
}
