import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { User } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { LangSwitch } from '../../shared/lang-switch';
import { ToastService } from '../../shared/toast.service';
import { notBlank } from '../../shared/validators';
import { PasswordForm } from './password-form.component';
import { avatarFileProblem, phoneValidator } from './profile-rules';
import { ProfileService } from './profile.service';

/** A picked picture waiting for "Save": the file and its local preview address. */
interface PendingAvatar {
  file: File;
  previewUrl: string;
}

/** A4: the signed-in user's name, surname, phone and photo (shown to visitors), and panel language. */
@Component({
  selector: 'cp-profile-page',
  imports: [ReactiveFormsModule, TranslatePipe, ErrorAlert, FieldError, Icon, LangSwitch, PasswordForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.css',
})
export class ProfilePage implements OnInit {
  private readonly api = inject(ProfileService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly auth = inject(AuthService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
    lastName: ['', Validators.maxLength(100)],
    phone: ['', [Validators.maxLength(40), phoneValidator]],
  });
  protected readonly saving = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  protected readonly pending = signal<PendingAvatar | null>(null);
  /** A translation key (client pre-check) or the server's message about the picture. */
  protected readonly avatarError = signal<ErrorText | null>(null);
  protected readonly avatarBusy = signal(false);
  protected readonly preview = computed(() => this.pending()?.previewUrl ?? this.auth.user()?.avatarUrl ?? null);
  protected readonly initials = computed(() => {
    const user = this.auth.user();
    if (!user) return '';
    return ((user.firstName[0] ?? '') + (user.lastName[0] ?? '') || (user.email[0] ?? '?')).toUpperCase();
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.dropPending());
  }

  ngOnInit(): void {
    const user = this.auth.user();
    if (user) this.fill(user);
    // The session's copy may be older than what another tab saved: read the profile itself.
    this.api
      .load()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (fresh) => this.form.pristine && this.fill(fresh), error: () => undefined });
  }

  save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    const { firstName, lastName, phone } = this.form.getRawValue();
    this.saving.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    this.api
      .save({ firstName: firstName.trim(), lastName: lastName.trim(), phone: phone.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (user) => {
          this.saving.set(false);
          this.fill(user);
          this.toasts.show('success', 'profile.saved');
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const e = toApiError(err);
          this.fieldErrors.set(e.fields);
          const unplaced = Object.keys(e.fields).filter((k) => !['firstName', 'lastName', 'phone'].includes(k));
          if (!Object.keys(e.fields).length || unplaced.length) this.formError.set(errorText(e));
        },
      });
  }

  protected clearFieldError(field: string): void {
    const { [field]: _removed, ...rest } = this.fieldErrors();
    void _removed;
    this.fieldErrors.set(rest);
  }

  /** A file was picked: checked here first, then shown for confirmation ("Save"), as the guide has it. */
  protected pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // The same file picked again after a cancel must fire `change` again.
    input.value = '';
    if (!file) return;
    this.dropPending();
    const problem = avatarFileProblem(file);
    if (problem) {
      this.avatarError.set({ key: `profile.avatar.${problem}` });
      return;
    }
    this.avatarError.set(null);
    this.pending.set({ file, previewUrl: URL.createObjectURL(file) });
  }

  protected cancelPending(): void {
    this.dropPending();
    this.avatarError.set(null);
  }

  protected uploadPending(): void {
    const pending = this.pending();
    if (!pending || this.avatarBusy()) return;
    this.avatarBusy.set(true);
    this.avatarError.set(null);
    this.api
      .uploadAvatar(pending.file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.avatarBusy.set(false);
          this.dropPending();
          this.toasts.show('success', 'profile.avatar.saved');
        },
        error: (err: unknown) => {
          this.avatarBusy.set(false);
          this.avatarError.set(errorText(toApiError(err)));
        },
      });
  }

  protected removeAvatar(): void {
    if (this.avatarBusy()) return;
    this.avatarBusy.set(true);
    this.avatarError.set(null);
    this.api
      .removeAvatar()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.avatarBusy.set(false);
          this.toasts.show('success', 'profile.avatar.removed');
        },
        error: (err: unknown) => {
          this.avatarBusy.set(false);
          this.avatarError.set(errorText(toApiError(err)));
        },
      });
  }

  private fill(user: User): void {
    this.form.reset({ firstName: user.firstName, lastName: user.lastName, phone: user.phone });
  }

  private dropPending(): void {
    const pending = this.pending();
    if (pending) URL.revokeObjectURL(pending.previewUrl);
    this.pending.set(null);
  }
}
