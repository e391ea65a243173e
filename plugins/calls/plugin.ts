import { definePlugin } from '../../core/src/index.js';
import { chatServiceRef } from '../chat/shared/chat.services.js';
import { CallChatService } from './server/call-chat.service.js';
import { CALL_LINE_KIND, callLineSchema } from './server/call-line.js';
import { callsMigrations } from './server/calls.migrations.js';
import { callsOptions } from './server/calls.options.js';
import { callsSettings, type CallsSettingsSpec } from './server/calls.settings.js';
import { CallsRooms } from './server/calls.rooms.js';
import { CallsService } from './server/calls.service.js';
import { registerCallsSockets } from './server/calls.sockets.js';
import type { CallsTables } from './server/calls.tables.js';
import { GuestService } from './server/guest.service.js';
import { registerHandoverRoutes } from './server/handover.routes.js';
import { HandoverService } from './server/handover.service.js';
import { InvitesService } from './server/invites.service.js';
import { LegsService } from './server/legs.service.js';
import { recordingLineSchema } from './server/recording-line.js';
import { registerRecordingRoutes } from './server/recordings.routes.js';
import { RecordingsService } from './server/recordings.service.js';
import { RECORDING_KIND } from './shared/calls.protocol.js';

/**
 * D1–D5, E6: audio and video calls between visitors and operators in the browser, a hand-over of
 * the call to the operator's phone, screen sharing and recording (issue 11). The wire contract is
 * `shared/calls.protocol.ts`; the browsers' peer connections are `browser/call-peer.ts`; how it
 * works, and its options: docs/calls.md.
 */
export default definePlugin<typeof callsOptions, CallsTables, CallsSettingsSpec>({
  id: 'calls',
  title: { ru: 'Звонки', en: 'Calls' },
  dependsOn: ['chat'],
  options: callsOptions,
  migrations: callsMigrations,
  settings: callsSettings,
  setup(ctx) {
    const chat = ctx.services.get(chatServiceRef);
    // Jitsi Meet's IFrame API script and its conference frame come from the Jitsi host: the panel's CSP lets them.
    if (ctx.options.jitsi) for (const directive of ['script-src', 'frame-src'] as const) ctx.http.allowSource(directive, ctx.options.jitsi.origin);
    chat.registerMessageKind(CALL_LINE_KIND, (payload) => callLineSchema.parse(payload));
    chat.registerMessageKind(RECORDING_KIND, (payload) => recordingLineSchema.parse(payload));
    const rooms = new CallsRooms(ctx.realtime.namespace);
    const calls = new CallsService(ctx, chat, rooms);
    const legs = new LegsService(ctx, calls, rooms);
    const handover = new HandoverService(ctx, calls);
    const recordings = new RecordingsService(ctx, calls, chat, rooms);
    calls.onEnded((row) => recordings.callEnded(row));
    legs.onGone((gone) => recordings.legsGone(gone));
    const invites = new InvitesService(ctx, chat, calls, legs, rooms);
    const guests = new GuestService(ctx, calls, handover);
    const callChat = new CallChatService(ctx, calls, chat);
    registerCallsSockets(ctx, { calls, legs, handover, recordings, chat: callChat, invites, guests });
    const stopRelay = callChat.relay();
    registerHandoverRoutes(ctx, handover, guests);
    registerRecordingRoutes(ctx, recordings);
    ctx.events.subscribe('core.site.deleted', ({ siteId }) => calls.removeSite(siteId));
    calls.start();
    return {
      async stop() {
        stopRelay();
        legs.stop();
        invites.stop();
        await calls.stop();
      },
    };
  },
});
