import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { InstallCode, Site } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { CodeBox } from '../../shared/code-box';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadError } from '../../shared/load-error';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { ToastService } from '../../shared/toast.service';
import { normalizeSiteUrl, siteUrlValidator } from '../../shared/validators';
import { SitesService } from './sites.service';

/** Newest first, whatever order the API uses, so a just-added site is on top and stays there after a reload. */
function newestFirst(sites: Site[]): Site[] {
  return [...sites].sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0));
}

/** Refusals of an address, said at the address field in the user's language. */
const ADDRESS_CONFLICTS: Readonly<Record<string, string>> = { site_exists: 'sites.add.exists', site_address_taken: 'sites.add.taken' };

type CodeState = { status: 'loading' } | { status: 'error'; error: ErrorText } | { status: 'ready'; code: InstallCode };

@Component({
  selector: 'cp-sites-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, CodeBox, ConfirmDialog, ErrorAlert, FieldError, Icon, LocalDatePipe, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sites.page.html',
  styleUrl: './sites.page.css',
})
export class SitesPage implements OnInit {
  private readonly api = inject(SitesService);
  private readonly toasts = inject(ToastService);
  private readonly translate = inject(TranslateService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** The site waiting for the delete confirmation. */
  protected readonly deleting = signal<Site | null>(null);
  private readonly deleteDialog = viewChild.required(ConfirmDialog);

  protected readonly sites = signal<Site[] | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly openSiteId = signal<string | null>(null);
  protected readonly codes = signal<Readonly<Record<string, CodeState>>>({});

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    url: ['', [Validators.required, siteUrlValidator]],
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.sites.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sites) => this.sites.set(newestFirst(sites)),
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  protected host(site: Site): string {
    try {
      return new URL(site.url).host;
    } catch {
      return site.url;
    }
  }

  protected initial(site: Site): string {
    return (site.name.trim()[0] ?? this.host(site)[0] ?? '?').toUpperCase();
  }

  add(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const { name, url } = this.form.getRawValue();
    this.busy.set(true);
    this.formError.set(null);
    this.fieldErrors.set({});
    this.api
      .create(name.trim(), normalizeSiteUrl(url) ?? url.trim())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (site) => {
          this.busy.set(false);
          this.sites.update((list) => newestFirst([site, ...(list ?? []).filter((s) => s.id !== site.id)]));
          this.form.reset();
          this.toasts.show('success', 'sites.added', { name: site.name });
          // As in the guide: once the site is added, its install code is right there to copy.
          this.openSiteId.set(null);
          this.toggleCode(site);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          const conflict = ADDRESS_CONFLICTS[e.code];
          if (conflict) {
            this.fieldErrors.set({ url: this.translate.instant(conflict) as string });
            return;
          }
          this.fieldErrors.set(e.fields);
          // Field messages sit next to their fields; the banner covers the rest.
          const unplaced = Object.keys(e.fields).filter((k) => k !== 'name' && k !== 'url');
          if (!Object.keys(e.fields).length || unplaced.length) this.formError.set(errorText(e));
        },
      });
  }

  /** Deletes a site after the dialog has said what goes with it. */
  askDelete(site: Site): void {
    this.deleting.set(site);
    this.deleteDialog().ask(
      () => this.api.remove(site.id),
      () => {
        this.sites.update((list) => (list ?? []).filter((s) => s.id !== site.id));
        if (this.openSiteId() === site.id) this.openSiteId.set(null);
        this.toasts.show('success', 'sites.delete.done', { name: site.name });
      },
    );
  }

  /** Clears a server message once the user edits the field it was about. */
  protected clearFieldError(field: string): void {
    const current = this.fieldErrors();
    if (!(field in current)) return;
    const { [field]: _removed, ...rest } = current;
    void _removed;
    this.fieldErrors.set(rest);
  }

  protected readyCode(siteId: string): InstallCode | null {
    const state = this.codes()[siteId];
    return state?.status === 'ready' ? state.code : null;
  }

  protected codeError(siteId: string): ErrorText | null {
    const state = this.codes()[siteId];
    return state?.status === 'error' ? state.error : null;
  }

  toggleCode(site: Site): void {
    if (this.openSiteId() === site.id) {
      this.openSiteId.set(null);
      return;
    }
    this.openSiteId.set(site.id);
    const state = this.codes()[site.id];
    if (!state || state.status === 'error') this.fetchCode(site.id);
  }

  protected fetchCode(siteId: string): void {
    this.codes.update((c) => ({ ...c, [siteId]: { status: 'loading' } }));
    this.api
      .installCode(siteId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (code) => this.codes.update((c) => ({ ...c, [siteId]: { status: 'ready', code } })),
        error: (err: unknown) =>
          this.codes.update((c) => ({ ...c, [siteId]: { status: 'error', error: errorText(toApiError(err)) } })),
      });
  }
}
