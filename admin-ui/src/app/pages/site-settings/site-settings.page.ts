import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, map, of, switchMap } from 'rxjs';
import { SITE_SETTINGS_LIMITS } from '../../../../../core/src/sites/site-settings.contract';
import { type ApiError, toApiError } from '../../core/api-error';
import type { Locale } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { LoadError } from '../../shared/load-error';
import { type ErrorText, errorText } from '../../shared/error-text';
import { FieldError } from '../../shared/field-error';
import { Icon } from '../../shared/icon';
import { LeaveConfirmation } from '../../shared/leave-confirmation';
import { ReadOnlyNote } from '../../shared/read-only-note';
import { ToastService } from '../../shared/toast.service';
import { normalizeSiteUrl, notBlank, siteUrlValidator } from '../../shared/validators';
import type { LeavesSafely } from '../design/unsaved-changes.guard';
import { PRESETS, type WorkInterval, utcOffset } from '../../shared/working-hours/schedule-model';
import { WeekEditor } from '../../shared/working-hours/week-editor.component';
import { SiteSettingsTabs } from './site-settings-tabs';
import { type SiteSettings, SiteSettingsService, type SiteView } from './site-settings.service';

/** Where a server message about a field is shown: its path's first part names the field. */
export type SettingsField = 'name' | 'url' | 'chatLanguage' | 'workingHours';
const FIELD_OF_PATH: Record<string, SettingsField> = {
  name: 'name',
  url: 'url',
  chatLanguage: 'chatLanguage',
  workingHours: 'workingHours',
};

type Loaded = { status: 'ready'; site: SiteView } | { status: 'missing' } | { status: 'error'; error: ApiError };

/**
 * A site's settings, as the product guide has them under Sites → «Настройки»: «Общие» (name,
 * address, chat language — A8) and «Рабочее время» (I2: outside the hours the widget works
 * automatically). The chat's offline form (H6) and notifications (C20) are the chat plugin's tab
 * (plugins/chat/admin/site-settings/). One save for all; the server's message for a field shows
 * next to it. Leaving with unsaved edits asks first.
 */
@Component({
  selector: 'cp-site-settings-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, ConfirmDialog, FieldError, Icon, WeekEditor, SiteSettingsTabs, LoadError, ReadOnlyNote],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-settings.page.html',
  styleUrl: './site-settings.page.css',
  host: { '(window:beforeunload)': 'leave.beforeUnload($event)' },
})
export class SiteSettingsPage implements LeavesSafely {
  /** From the route `sites/:siteId/settings`. */
  readonly siteId = input.required<string>();

  private readonly api = inject(SiteSettingsService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  /** A support visit (issue 15): the settings are shown, the save button stays disabled. */
  protected readonly readOnly = inject(AuthService).isSupport;

  protected readonly limits = SITE_SETTINGS_LIMITS;
  protected readonly state = signal<'loading' | 'ready' | 'missing' | 'error'>('loading');
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly site = signal<SiteView | null>(null);
  protected readonly offset = computed(() => utcOffset(this.site()?.timezone ?? 'UTC'));

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(SITE_SETTINGS_LIMITS.nameLength)]],
    url: ['', [Validators.required, siteUrlValidator]],
    chatLanguage: ['ru' as Locale],
    hoursAlways: [true],
  });
  /** The week the hours editor shows (kept while "always" is chosen, as the server keeps it). */
  protected readonly intervals = signal<WorkInterval[]>([]);
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly always = computed(() => this.formValue().hoursAlways ?? true);
  private readonly editor = viewChild(WeekEditor);

  /** What a save sends: every setting of the page, as the server takes it. */
  protected readonly body = computed((): SiteSettings => {
    this.formValue();
    const v = this.form.getRawValue();
    return {
      name: v.name.trim(),
      url: normalizeSiteUrl(v.url) ?? v.url.trim(),
      chatLanguage: v.chatLanguage,
      workingHours: { always: v.hoursAlways, intervals: this.intervals() },
    };
  });
  private readonly savedBody = signal('');
  protected readonly dirty = computed(() => this.state() === 'ready' && JSON.stringify(this.body()) !== this.savedBody());
  /** "By the hours" with none drawn: the server refuses it; say so before it has to. */
  protected readonly noHours = computed(() => !this.always() && !this.intervals().length);

  protected readonly saving = signal(false);
  protected readonly justSaved = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<SettingsField, string>>>({});
  private readonly reload = signal(0);

  private readonly leaveDialog = viewChild(ConfirmDialog);
  protected readonly leave = new LeaveConfirmation(() => this.leaveDialog(), () => this.dirty());

  constructor() {
    toObservable(computed(() => ({ id: this.siteId(), n: this.reload() })))
      .pipe(
        switchMap(({ id }) => {
          this.state.set('loading');
          return this.api.get(id).pipe(
            map((site): Loaded => ({ status: 'ready', site })),
            catchError((err: unknown) => {
              const error = toApiError(err);
              return of<Loaded>(error.status === 404 ? { status: 'missing' } : { status: 'error', error });
            }),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((loaded) => this.show(loaded));
    // Any edit hides "Saved" and the server's message about what was edited.
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.justSaved.set(false));
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected setIntervals(intervals: WorkInterval[]): void {
    this.intervals.set(intervals);
    this.justSaved.set(false);
    this.clearFieldError('workingHours');
  }

  protected applyPreset(name: keyof typeof PRESETS): void {
    this.setIntervals(PRESETS[name].map((i) => ({ ...i })));
  }

  /** Drops the server's message about a field once the user edits it. */
  protected clearFieldError(field: SettingsField): void {
    const { [field]: _gone, ...rest } = this.fieldErrors();
    void _gone;
    this.fieldErrors.set(rest);
  }

  protected save(): void {
    if (this.readOnly()) return;
    if (this.saving() || this.state() !== 'ready') return;
    this.form.markAllAsTouched();
    if (this.form.invalid || this.editor()?.problems().size || this.noHours()) {
      this.saveError.set({ key: 'siteSettings.fixFields' });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.fieldErrors.set({});
    this.api
      .save(this.siteId(), this.body())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (site) => {
          this.saving.set(false);
          this.fill(site);
          this.justSaved.set(true);
          this.toasts.show('success', 'siteSettings.savedToast', { name: site.name });
        },
        error: (err: unknown) => this.showSaveError(toApiError(err)),
      });
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.leave.confirm();
  }

  private showSaveError(error: ApiError): void {
    this.saving.set(false);
    const placed: Partial<Record<SettingsField, string>> = {};
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(error.fields)) {
      const field = FIELD_OF_PATH[path.split('.')[0]!];
      if (field) placed[field] ??= message;
      else unplaced.push(path);
    }
    this.fieldErrors.set(placed);
    const allPlaced = Object.keys(placed).length > 0 && !unplaced.length;
    this.saveError.set(allPlaced ? { key: 'siteSettings.fixFields' } : errorText(error));
  }

  private show(loaded: Loaded): void {
    this.saveError.set(null);
    this.fieldErrors.set({});
    if (loaded.status === 'missing') return this.state.set('missing');
    if (loaded.status === 'error') {
      this.loadError.set(errorText(loaded.error));
      return this.state.set('error');
    }
    this.fill(loaded.site);
    this.justSaved.set(false);
    this.state.set('ready');
  }

  /** The form shows the site as the server has it; that is the unchanged state. */
  private fill(site: SiteView): void {
    this.site.set(site);
    this.intervals.set(site.workingHours.intervals.map((i) => ({ ...i })));
    this.form.reset({
      name: site.name,
      url: site.url,
      chatLanguage: site.chatLanguage,
      hoursAlways: site.workingHours.always,
    });
    this.savedBody.set(JSON.stringify(this.body()));
  }
}
