import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, Icon, type LeavesSafely, LoadError, PluginSettingsForm, ReadOnlyNote, toApiError } from '../../../../admin-ui/src/app/plugin-api';
import { SITE_NOTIFY_KINDS, type ChatSiteSettings, type SiteNotifyKind } from '../../shared/chat-site-settings';
import { registerChatStrings } from '../ui/chat-i18n';
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
  imports: [ReactiveFormsModule, TranslatePipe, Icon, ConfirmDialog, LoadError, ReadOnlyNote],
  providers: [ChatSettingsApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-settings.page.html',
  styleUrl: './chat-settings.page.css',
})
export class ChatSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  private readonly api = inject(ChatSettingsApi);

  protected readonly kinds = SITE_NOTIFY_KINDS;
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
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});
  private readonly leaveDialog = viewChild(ConfirmDialog);

  protected readonly settings = new PluginSettingsForm<ChatSiteSettings>({
    siteId: this.siteId,
    load: (siteId) => this.api.get(siteId),
    save: (siteId, value) => this.api.save(siteId, value),
    value: this.body,
    show: (value) => {
      this.form.reset({ offlineEnabled: value.offlineForm.enabled, offlineEmails: value.offlineForm.emails.join(', '), notifications: value.notifications });
      this.fieldErrors.set({});
    },
    valid: () => {
      this.form.markAllAsTouched();
      return this.form.valid;
    },
    placeServerFields: (err) => {
      const placed: Partial<Record<Field, string>> = {};
      const unplaced: string[] = [];
      for (const [path, key] of Object.entries(toApiError(err).fields)) {
        const field = FIELD_OF_PATH[path.split('.')[0]!];
        if (field) placed[field] ??= key;
        else unplaced.push(key);
      }
      this.fieldErrors.set(placed);
      return { placed: Object.keys(placed).length > 0, unplaced };
    },
    texts: { fixFields: 'chat.siteSettings.fixFields', savedToast: 'chat.siteSettings.savedToast' },
    leaveDialog: () => this.leaveDialog(),
  });

  constructor() {
    // Its words, also where no chat background runs (a client's site in the agency console).
    registerChatStrings();
    this.form.valueChanges.subscribe(() => this.settings.edited());
  }

  /** Drops the server's message about a field once the user edits it. */
  protected clearFieldError(field: Field): void {
    const { [field]: _gone, ...rest } = this.fieldErrors();
    void _gone;
    this.fieldErrors.set(rest);
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.settings.confirmLeave();
  }
}
