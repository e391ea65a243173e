import { z } from 'zod';
import { definePlugin } from '../../core/src/index.js';
import { chatMigrations } from './server/chat.migrations.js';
import { registerChatSockets } from './server/chat.sockets.js';
import type { ChatTables } from './server/chat.tables.js';
import { DialogsService } from './server/dialogs.service.js';
import { MessagesService } from './server/messages.service.js';
import { PresenceService } from './server/presence.service.js';
import { VisitorsService } from './server/visitors.service.js';

const options = z.object({
  recentVisitorMinutes: z.number().int().min(0).max(24 * 60).default(30),
});

/** Live chat between a site's visitors and the account's operators (C1–C16, B2, H6). */
export default definePlugin<typeof options, ChatTables>({
  id: 'chat',
  title: { ru: 'Чат', en: 'Chat' },
  options,
  migrations: chatMigrations,
  setup(ctx) {
    const messages = new MessagesService(ctx);
    registerChatSockets(ctx, {
      visitors: new VisitorsService(ctx),
      messages,
      dialogs: new DialogsService(ctx, messages),
      presence: new PresenceService(ctx),
    });
  },
});
