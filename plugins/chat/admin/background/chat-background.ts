import { DestroyRef, effect, inject } from '@angular/core';
import { type PluginBackground, ShellIndicators, type StatusIndicator } from '../../../../admin-ui/src/app/plugin-api';
import type { OperatorStatus } from '../../shared/chat.protocol';
import { registerChatStrings } from '../ui/chat-i18n';
import { ChatSocket } from './chat-socket.service';
import { ChatStore } from './chat-store';
import { ChatSync } from './chat-sync.service';
import { ChatNotifications } from './notifications.service';
import { ChatOutbox } from '../conversation/outbox.service';
import { OperatorPreferences } from '../settings/preferences.service';
import { SiteNotifyRules } from '../site-notify-rules.service';

/** The indicators' source name: the plugin's id. */
const SOURCE = 'chat';

/**
 * The chat's part that runs on every page of the panel while the chat is enabled for the account:
 * the `/chat` connection (it is what keeps the operator online for visitors), the store it fills,
 * the outbox, and the sounds and notifications (C20). The chat page is created under it and
 * shares all of it. It tells the shell the unread count (tab title) and the operator's status (Home).
 */
export const chatBackground: PluginBackground = {
  providers: [ChatSocket, ChatStore, ChatOutbox, ChatSync, OperatorPreferences, SiteNotifyRules, ChatNotifications],
  start: () => {
    registerChatStrings();
    const socket = inject(ChatSocket);
    const store = inject(ChatStore);
    const indicators = inject(ShellIndicators);
    inject(ChatNotifications).unlockSoundOnGestures();
    inject(ChatNotifications).keepPluginSwitches();
    effect(() => indicators.setUnread(SOURCE, store.unreadCount()));
    effect(() => indicators.setStatus(SOURCE, socket.connected ? statusIndicator(store.myStatus()) : { labelKey: 'chat.status.lost', tone: 'off' }));
    inject(DestroyRef).onDestroy(() => indicators.clear(SOURCE));
    inject(ChatSync).start();
  },
};

function statusIndicator(status: OperatorStatus): StatusIndicator {
  return { labelKey: `chat.status.${status}`, tone: status === 'online' ? 'on' : status === 'away' ? 'away' : 'off' };
}
