/**
 * The panel's public plugin API: the one module a plugin's `admin/` part may import from the
 * panel (eslint.config.js enforces it). What is not re-exported here is the panel's own business
 * and may change without notice.
 */
export { definePanelPlugin, type LocalizedText, type PanelLinkPage, type PanelNavEntry, type PanelPageEntry, type PanelPluginManifest, type PluginBackground, type SiteSettingsEntry } from './define';
export * from './slots';
export { registerPluginStrings } from './strings';
export { type NotificationSwitches, PanelNotifications } from './panel-notifications.service';
export { PluginSlot } from './plugin-slot';
export { type PlacedServerFields, PluginSettingsForm, type PluginSettingsFormOptions, serverFieldTexts } from './plugin-settings-form';

// Session, language, realtime.
export type { Locale, Role, TeamMember, User } from '../core/api.types';
export { AuthService } from '../core/auth.service';
export { I18nService } from '../core/i18n.service';
export { RealtimeService, SOCKET_FACTORY, type SocketFactory } from '../core/realtime.service';
export { ShellIndicators, type StatusIndicator } from '../core/shell-indicators.service';
export { PluginsService } from '../core/plugins.service';
export { PluginSlots, type SlotEntry } from '../core/plugin-slots.service';

// Errors, as the panel words them.
export { type ApiError, coreCodeKey, errorKey, fallbackErrorKey, toApiError } from '../core/api-error';
export { type ErrorText, errorText } from '../shared/error-text';
export { ErrorAlert } from '../shared/error-alert';
export { LoadError } from '../shared/load-error';
export { ReadOnlyNote } from '../shared/read-only-note';
export { FieldError } from '../shared/field-error';

// Shared pieces of the UI.
export { ConfirmDialog } from '../shared/confirm-dialog';
export { Icon, type IconName } from '../shared/icon';
export { LocalDatePipe } from '../shared/local-date.pipe';
export { ToastService } from '../shared/toast.service';
export { LeaveConfirmation } from '../shared/leave-confirmation';
export type { LeavesSafely } from '../pages/design/unsaved-changes.guard';
export { notBlank } from '../shared/validators';

// The account's people (the chat's departments and schedules pick them).
export { TeamService } from '../pages/team/team.service';
export { memberName } from '../shared/member-name';

// Working hours: the week editor and its model, as the site's hours (Sites → Settings) use them.
export { PRESETS, type WorkInterval, summary, utcOffset } from '../shared/working-hours/schedule-model';
export { WeekEditor } from '../shared/working-hours/week-editor.component';
