import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { Locale } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { ToastService } from '../../shared/toast.service';
import { normalizeSiteUrl, notBlank, siteUrlValidator } from '../../shared/validators';
import { AgencyService } from './agency.service';
import { BackToClients } from './back-to-clients';

/** The zones the picker offers: the browser's IANA list, which the server checks against too. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter((z, i, all) => all.indexOf(z) === i).sort();

const DEFAULT_ZONE = 'Europe/Moscow';

/** The browser's own zone when it is one of the list, else Moscow (the CMS's default for an account). */
export function defaultTimeZone(): string {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return TIME_ZONES.includes(own) ? own : DEFAULT_ZONE;
}

/**
 * The server's field names differ where the refusal comes from a reused path: the first site's
 * address is `url` in «Добавить сайт», the first admin's e-mail is `email` in the invitation.
 */
const SERVER_FIELDS: Record<string, string> = { url: 'siteUrl', email: 'adminEmail' };
const FORM_FIELDS = ['name', 'timezone', 'language', 'siteUrl', 'adminEmail'];

/** «Новый клиент» (issue 15): the account, its first site and its first admin, in one request. */
@Component({
  selector: 'cp-new-client-page',
  imports: [BackToClients, ReactiveFormsModule, RouterLink, TranslatePipe, ErrorAlert, FieldError, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-client.page.html',
  styleUrl: './new-client.page.css',
})
export class NewClientPage {
  private readonly api = inject(AgencyService);
  private readonly router = inject(Router);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly zones = TIME_ZONES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
    timezone: [defaultTimeZone(), Validators.required],
    language: [inject(I18nService).current() as Locale, Validators.required],
    siteUrl: ['', [Validators.required, siteUrlValidator]],
    adminEmail: ['', [Validators.required, Validators.email]],
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    this.api
      .create({ ...value, name: value.name.trim(), siteUrl: normalizeSiteUrl(value.siteUrl) ?? value.siteUrl, adminEmail: value.adminEmail.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (client) => {
          this.busy.set(false);
          this.toasts.show('success', 'agency.newClient.created', { name: client.name, email: value.adminEmail.trim() });
          void this.router.navigate(['/agency/clients']);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          const fields = Object.fromEntries(Object.entries(e.fields).map(([k, key]) => [SERVER_FIELDS[k] ?? k, key]));
          this.fieldErrors.set(fields);
          if (!Object.keys(fields).length || Object.keys(fields).some((k) => !FORM_FIELDS.includes(k))) this.formError.set(errorText(e));
        },
      });
  }

  protected clearFieldError(field: string): void {
    const current = this.fieldErrors();
    if (!(field in current)) return;
    this.fieldErrors.set(Object.fromEntries(Object.entries(current).filter(([k]) => k !== field)));
  }
}
