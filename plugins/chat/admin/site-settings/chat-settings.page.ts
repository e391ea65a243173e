import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, ErrorAlert, type ErrorText, Icon, LeaveConfirmation, type LeavesSafely, ToastService, errorText, toApiError } from '../../../../admin-ui/src/app/plugin-api';
import { SITE_NOTIFY_KINDS, type ChatSiteSettings, type SiteNotifyKind } from '../../shared/chat-site-settings';
import { ChatSettingsApi } from './chat-settings.api';
import { emailListValidator, parseEmails } from './email-list';

/** Where a server message is shown: a path's first part names the field. */
type Field = 'offlineEmails' | 'notifications';
const FIELD_OF_PATH: Record<string, Field> = { offlineForm: 'offlineEmails', notifications: 'notifications' };

/**
 * Sites → Settings → «Чат»: the chat's own settings of a site — where the offline form's messages
 * are mailed (H6) and which browser notifications the site's operators may get (C20). Saved with
 * `PUT /api/plugins/chat/settings/sites/:siteId`; the server's message for a field shows next to
 * it, in the panel's language. Leaving with unsaved edits asks first.
 */
@Component({
  selector: 'cp-chat-settings-page',
  imports: [ReactiveFormsModule, TranslatePipe, Icon, ErrorAlert, ConfirmDialog],
  providers: [ChatSettingsApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-settings.page.html',
  styleUrl: './chat-settings.page.css',
  host: { '(window:beforeunload)': 'leave.beforeUnload($event)' },
})
export class ChatSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  private readonly api = inject(ChatSettingsApi);
  private readonly toasts = inject(ToastService);

  protected readonly kinds = SITE_NOTIFY_KINDS;
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal<ErrorText | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    offlineEnabled: [true],
    offlineEmails: ['', emailListValidator],
    notifications: inject(NonNullableFormBuilder).group(Object.fromEntries(SITE_NOTIFY_KINDS.map((k) => [k, true])) as Record<SiteNotifyKind, boolean>),
  });
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** What a save sends: the whole value, as the server stores it. */
  protected readonly body = computed((): ChatSiteSettings => {
    this.formValue();
    const v = this.form.getRawValue();
    return { offlineForm: { enabled: v.offlineEnabled, emails: parseEmails(v.offlineEmails) }, notifications: v.notifications };
  });
  private readonly savedBody = signal('');
  protected readonly dirty = computed(() => this.state() === 'ready' && JSON.stringify(this.body()) !== this.savedBody());

  protected readonly saving = signal(false);
  protected readonly justSaved = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});
  private readonly reload = signal(0);

  private readonly leaveDialog = viewChild(ConfirmDialog);
  protected readonly leave = new LeaveConfirmation(() => this.leaveDialog(), () => this.dirty());

  constructor() {
    effect(() => {
      const id = this.siteId();
      this.reload();
      untracked(() => void this.load(id));
    });
    this.form.valueChanges.subscribe(() => this.justSaved.set(false));
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  /** Drops the server's message about a field once the user edits it. */
  protected clearFieldError(field: Field): void {
    const { [field]: _gone, ...rest } = this.fieldErrors();
    void _gone;
    this.fieldErrors.set(rest);
  }

  protected async save(): Promise<void> {
    if (this.saving() || this.state() !== 'ready') return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.saveError.set({ key: 'chat.siteSettings.fixFields' });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.fieldErrors.set({});
    try {
      this.fill(await this.api.save(this.siteId(), this.body()));
      this.justSaved.set(true);
      this.toasts.show('success', 'chat.siteSettings.savedToast');
    } catch (err) {
      const error = toApiError(err);
      const placed: Partial<Record<Field, string>> = {};
      const paths = Object.entries(error.fields);
      for (const [path, message] of paths) {
        const field = FIELD_OF_PATH[path.split('.')[0]!];
        if (field) placed[field] ??= message;
      }
      this.fieldErrors.set(placed);
      const allPlaced = paths.length > 0 && paths.every(([path]) => FIELD_OF_PATH[path.split('.')[0]!]);
      this.saveError.set(allPlaced ? { key: 'chat.siteSettings.fixFields' } : errorText(error));
    } finally {
      this.saving.set(false);
    }
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.leave.confirm();
  }

  private async load(siteId: string): Promise<void> {
    this.state.set('loading');
    try {
      const value = await this.api.get(siteId);
      if (this.siteId() !== siteId) return;
      this.fill(value);
      this.justSaved.set(false);
      this.state.set('ready');
    } catch (err) {
      this.loadError.set(errorText(toApiError(err)));
      this.state.set('error');
    }
  }

  /** The form shows the value as the server has it; that is the unchanged state. */
  private fill(value: ChatSiteSettings): void {
    this.form.reset({ offlineEnabled: value.offlineForm.enabled, offlineEmails: value.offlineForm.emails.join(', '), notifications: value.notifications });
    this.savedBody.set(JSON.stringify(this.body()));
    this.saveError.set(null);
    this.fieldErrors.set({});
  }
}
