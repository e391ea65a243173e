import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
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

@Component({
  selector: 'cp-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, AuthLayout, ErrorAlert, FieldError, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cp-auth-layout>
      @if (sentTo(); as email) {
        <div class="done" data-testid="forgot-done">
          <span class="done-icon"><cp-icon name="mail" /></span>
          <h1 class="auth-title">{{ 'forgot.doneTitle' | translate }}</h1>
          <p class="auth-sub">{{ 'forgot.doneText' | translate: { email } }}</p>
          <a class="btn btn-secondary btn-block" routerLink="/login">{{ 'forgot.back' | translate }}</a>
        </div>
      } @else {
        <h1 class="auth-title">{{ 'forgot.title' | translate }}</h1>
        <p class="auth-sub">{{ 'forgot.subtitle' | translate }}</p>
        <cp-error-alert [error]="error()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <div class="field">
            <label for="forgot-email">{{ 'fields.email' | translate }}</label>
            <input id="forgot-email" class="input" type="email" formControlName="email" autocomplete="email" inputmode="email"
              data-testid="forgot-email" aria-describedby="forgot-email-error" />
            <cp-field-error [control]="form.controls.email" errorId="forgot-email-error" />
          </div>
          <button type="submit" class="btn btn-primary btn-block" data-testid="forgot-submit" [disabled]="busy()">
            @if (busy()) { <span class="spinner" aria-hidden="true"></span> }
            {{ 'forgot.submit' | translate }}
          </button>
        </form>
        <p class="auth-foot"><a routerLink="/login">{{ 'forgot.back' | translate }}</a></p>
      }
    </cp-auth-layout>
  `,
  styles: `
    .done { text-align: center; }
    .done-icon { display: inline-grid; place-items: center; width: 3.5rem; height: 3.5rem; margin-bottom: 1rem; border-radius: 50%;
      background: var(--primary-50); color: var(--primary-600); font-size: 1.5rem; }
  `,
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly sentTo = signal<string | null>(null);

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const email = this.form.getRawValue().email.trim();
    this.busy.set(true);
    this.error.set(null);
    this.auth.forgotPassword(email).subscribe({
      // The answer is the same whether or not the address exists (202), and so is the message.
      next: () => this.sentTo.set(email),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(toApiError(err)));
      },
    });
  }
}
