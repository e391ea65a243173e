import { z } from 'zod';
import { accountFiguresRef, definePlugin, siteHoursRef } from '../../core/src/index.js';
import { registerAttachmentRoutes } from './server/attachments.routes.js';
import { AttachmentsService } from './server/attachments.service.js';
import { chatRoutingRef, chatServiceRef } from './shared/chat.services.js';
import { ChatRoutingHooks } from './server/chat-routing.js';
import { DEPARTMENT_ROUTING_ORDER, departmentRouting } from './server/departments/department-routing.js';
import { DepartmentsDirectory } from './server/departments/departments.directory.js';
import { registerDepartmentRoutes } from './server/departments/departments.routes.js';
import { DepartmentsService } from './server/departments/departments.service.js';
import { ScheduleSwitchService } from './server/schedules/schedule-switch.service.js';
import { SchedulesDirectory } from './server/schedules/schedules.directory.js';
import { registerScheduleRoutes } from './server/schedules/schedules.routes.js';
import { SchedulesService } from './server/schedules/schedules.service.js';
import { ChatServiceProvider } from './server/chat-service.js';
import { chatSettings, type ChatSettingsSpec } from './server/chat-site-settings.js';
import { chatMigrations } from './server/chat.migrations.js';
import { moveLegacySiteSettings } from './server/legacy-site-settings.js';
import { registerChatSockets } from './server/chat.sockets.js';
import type { ChatTables } from './server/chat.tables.js';
import { relayDesignChanges } from './server/design.relay.js';
import { DialogCountsPublisher } from './server/dialog-counts.publisher.js';
import { ConversationService } from './server/conversation.service.js';
import { DialogsService } from './server/dialogs.service.js';
import { registerDirectorySockets } from './server/directory.sockets.js';
import { MessagesService } from './server/messages.service.js';
import { OfflineRequestsService } from './server/offline-requests.service.js';
import { OperatorsService } from './server/operators.service.js';
import { PreferencesService } from './server/preferences.service.js';
import { registerPreferencesSockets } from './server/preferences.sockets.js';
import { PresenceService } from './server/presence.service.js';
import { ReadMarksService } from './server/read-marks.service.js';
import { registerReadMarksSockets } from './server/read-marks.sockets.js';
import { RepliesService } from './server/replies.service.js';
import { registerSiteSettingsSockets } from './server/site-settings.sockets.js';
import { removeDeletedSites } from './server/site-removal.js';
import { registerRepliesSockets } from './server/replies.sockets.js';
import { TemplatesService } from './server/templates.service.js';
import { VisitorsService } from './server/visitors.service.js';
import { dialogsThisMonth } from './server/dialogs-this-month.js';
import { WorkingHoursGate } from './server/working-hours-gate.service.js';

const options = z.object({
  recentVisitorMinutes: z.number().int().min(0).max(24 * 60).default(30),
  // A person leaves one or two; 59 in 3 s from one visitor flooded a mailbox (issue 9).
  offlinePerHour: z
    .object({ visitor: z.number().int().min(1).default(3), address: z.number().int().min(1).default(10), site: z.number().int().min(1).default(100) })
    .default({ visitor: 3, address: 10, site: 100 }),
});

/** Live chat between a site's visitors and the account's operators (C1–C16, B2, H6; A5 departments, A6 schedules; A8 and I2 per site, H6 and C20 settings per site). */
export default definePlugin<typeof options, ChatTables, ChatSettingsSpec>({
  id: 'chat',
  title: { ru: 'Чат', en: 'Chat' },
  options,
  migrations: chatMigrations,
  // H6 (offline form) and C20 (site notifications): the chat's per site, no longer the core's site record.
  settings: chatSettings,
  async setup(ctx) {
    await moveLegacySiteSettings(ctx);
    const attachments = await AttachmentsService.start(ctx);
    const messages = new MessagesService(ctx, attachments);
    const visitors = new VisitorsService(ctx);
    const departments = new DepartmentsDirectory(ctx);
    const schedules = new SchedulesDirectory(ctx);
    const routing = new ChatRoutingHooks(ctx, departments);
    routing.add(departmentRouting(departments), { order: DEPARTMENT_ROUTING_ORDER });
    ctx.services.provide(chatRoutingRef, routing);
    const dialogs = new DialogsService(ctx, messages, routing, departments);
    const operators = new OperatorsService(ctx, departments);
    const hours = ctx.services.get(siteHoursRef);
    const presence = new PresenceService(ctx, hours);
    const conversation = new ConversationService(ctx, { visitors, dialogs, messages, attachments });
    ctx.services.provide(chatServiceRef, new ChatServiceProvider(ctx, { conversation, dialogs, messages, visitors, presence, departments }));
    registerChatSockets(ctx, {
      conversation,
      visitors,
      messages,
      dialogs,
      presence,
      offline: new OfflineRequestsService(ctx, { visitors, dialogs, messages, presence }),
    });
    registerAttachmentRoutes(ctx, { attachments, dialogs, visitors });
    relayDesignChanges(ctx);
    registerSiteSettingsSockets(ctx);
    registerDirectorySockets(ctx, { dialogs, operators, departments });
    registerDepartmentRoutes(ctx, new DepartmentsService(ctx, departments));
    registerScheduleRoutes(ctx, new SchedulesService(ctx, schedules));
    registerRepliesSockets(ctx, { replies: new RepliesService(ctx), templates: new TemplatesService(ctx) });
    registerPreferencesSockets(ctx, new PreferencesService(ctx));
    registerReadMarksSockets(ctx, new ReadMarksService(ctx));
    const counts = new DialogCountsPublisher(ctx, dialogs, operators);
    dialogs.onChange((accountId) => counts.publish(accountId));
    removeDeletedSites(ctx, (accountId) => dialogs.notifyChanged(accountId));
    // A4: a new name or picture reaches open widgets with the next list of who is online.
    ctx.events.subscribe('core.user.updated', ({ accountId }) => presence.broadcast(accountId));
    const schedule = new ScheduleSwitchService(ctx, presence, schedules);
    schedule.start();
    const gate = new WorkingHoursGate(ctx, presence, hours);
    gate.start();
    const unlistFigure = ctx.services.get(accountFiguresRef).register(dialogsThisMonth(ctx));
    return {
      stop: async () => {
        unlistFigure();
        gate.stop();
        await schedule.stop();
        attachments.stop();
        await counts.stop();
      },
    };
  },
});
