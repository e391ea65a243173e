import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { Invitation } from '../../core/api.types';
import { homePath } from '../../core/auth.guards';
import { AuthService } from '../../core/auth.service';
import { AuthLayout } from '../../shared/auth-layout';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { PASSWORD_MIN_LENGTH, matchesSibling } from '../../shared/validators';

type LoadState = 'loading' | 'ready' | 'invalid' | 'failed';

@Component({
  selector: 'cp-accept-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, AuthLayout, ErrorAlert, FieldError, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accept-invitation.page.html',
  styles: `
    .center { text-align: center; }
    .round { display: inline-grid; place-items: center; width: 3.5rem; height: 3.5rem; margin-bottom: 1rem; border-radius: 50%; font-size: 1.5rem;
      background: var(--danger-100); color: var(--danger-700); }
    .invite-head { display: flex; gap: .875rem; align-items: center; margin-bottom: 1.5rem; padding: .875rem; border-radius: var(--radius);
      background: var(--primary-50); border: 1px solid var(--primary-100); }
    .invite-head .avatar { width: 2.75rem; height: 2.75rem; background: var(--primary-600); color: #fff; font-size: 1rem; }
    .invite-head strong { display: block; font-size: 1rem; }
    .invite-head .caption { display: block; font-size: .75rem; color: var(--gray-500); }
    .form-grid.two { grid-template-columns: 1fr 1fr; gap: 0 .75rem; }
    @media (max-width: 359px) { .form-grid.two { grid-template-columns: 1fr; } }
    .skel-line { height: 1rem; margin-bottom: .75rem; }
  `,
})
export class AcceptInvitationPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  /** From the e-mail link `/accept-invitation?token=...`. */
  readonly token = input<string>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly state = signal<LoadState>('loading');
  protected readonly invitation = signal<Invitation | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [''],
    firstName: ['', [Validators.required, Validators.maxLength(100)]],
    lastName: ['', [Validators.required, Validators.maxLength(100)]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    confirm: ['', [Validators.required, matchesSibling('password')]],
  });

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    const token = this.token();
    if (!token) {
      this.state.set('invalid');
      return;
    }
    this.state.set('loading');
    this.auth
      .getInvitation(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (inv) => {
          this.invitation.set(inv);
          this.form.patchValue({ email: inv.email, firstName: inv.firstName ?? '', lastName: inv.lastName ?? '' });
          this.state.set('ready');
        },
        error: (err: unknown) => {
          const e = toApiError(err);
          this.state.set(e.status === 404 || e.status === 400 || e.status === 410 ? 'invalid' : 'failed');
        },
      });
  }

  protected initials(inv: Invitation): string {
    return (inv.accountName.trim()[0] ?? '?').toUpperCase();
  }

  submit(): void {
    this.form.markAllAsTouched();
    const token = this.token();
    if (this.form.invalid || this.busy() || !token) return;
    const { firstName, lastName, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.fieldErrors.set({});
    this.auth.acceptInvitation(token, password, firstName.trim(), lastName.trim()).subscribe({
      next: () => void this.router.navigateByUrl(homePath(this.auth)),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        if (e.status === 404 || e.code === 'invalid_token') {
          this.state.set('invalid');
          return;
        }
        this.fieldErrors.set(e.fields);
        this.error.set(errorText(e));
      },
    });
  }
}
