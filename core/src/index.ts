/** The core's public surface for plugins: manifests, context types, events, service refs. */
export type { Actor, MemberActor, SupportActor, UserRole } from './kernel/actor.js';
export { isSupport } from './kernel/actor.js';
export type { CallpyEvents, EventName } from './kernel/events.js';
export type { PluginSecrets } from './kernel/plugin-secrets.js';
export type { FileEntry, FileInfo, PluginFiles, PutFileMeta } from './kernel/files/files.types.js';
export type { EventLogConsumer, EventLogEntry, PluginEventLog } from './kernel/event-log/event-log.types.js';
export { definePlugin } from './kernel/plugin.types.js';
export type {
  AfterCommit,
  Localized,
  PluginContext,
  PluginDatabase,
  PluginHttp,
  PluginInstance,
  PluginManifest,
  PluginRateLimits,
  PluginRealtime,
  PluginSettings,
  PluginSettingsSpec,
  SocketResponse,
} from './kernel/plugin.types.js';
export { definePluginsConfig, type PluginsConfig } from './kernel/plugins-config.js';
export { createServiceRef, type ServiceRef } from './kernel/service-registry.js';
export { badRequest, forbidden, HttpError, notFound, parseOrThrow, readOnly } from './http/http-error.js';
export { KernelError } from './kernel/kernel-error.js';
export type { Mail } from './mail/mailer.js';
export { escapeHtml } from './mail/mail-templates.js';
export type { ContentRecord, Locale, SiteRecord, UserRecord } from './content/content.types.js';
export type { ContentTypeRecords, PluginContent, WritableContentType } from './content/plugin-content.js';
export type { ContentStore } from './content/content-store.js';
export { autoId, isPostgres } from './store/portable.js';
export { preparedQuery, type PreparedQuery } from './store/prepared-query.js';
export { GroupCommit } from './store/group-commit.js';
export type { Clock } from './kernel/clock.js';
export { avatarUrl } from './profile/avatar-url.js';
export { isValidTimeZone, lastEdge, nextEdge, workIntervals, type ScheduleEdge, type WorkInterval } from './time/working-hours.js';
export { roleOf } from './auth/actor-resolver.js';
export { siteHoursRef, type SiteHours } from './sites/site-hours.js';
export { accountFiguresRef, type AccountFigure, type AccountFigures, type FigureAccount } from './kernel/account-figures.js';
export { accountLimitsRef, type AccountLicence, type AccountLimit, type AccountLimits } from './kernel/account-limits.js';
export { currentStaff, type AgencyStaff } from './agency/staff.guard.js';
export type { SiteSettings } from './sites/site-settings.contract.js';
