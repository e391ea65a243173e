import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { ChatIcon } from '../ui/chat-icon';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { Conversation } from '../conversation/conversation.component';
import { DialogCommands } from '../dialogs/dialog-commands.service';
import { DialogList } from '../dialogs/dialog-list.component';
import { DialogToolbar } from '../dialogs/dialog-toolbar.component';
import { MessageInput } from '../conversation/message-input.component';
import { NotificationSettings } from '../settings/notification-settings.component';
import { RepliesManager } from '../replies/replies-manager.component';
import { RepliesService } from '../replies/replies.service';
import { SectionNav } from './section-nav.component';
import { StatusSwitch } from './status-switch.component';
import { TemplatesManager } from '../replies/templates-manager.component';
import { VisitorCard } from '../visitors/visitor-card.component';
import { VisitorList } from '../visitors/visitor-list.component';
import { VisitorStart } from '../visitors/visitor-start.component';

/** The chat's management views, opened as `/p/chat?view=<view>` (links, the back button). */
export type ChatView = 'replies' | 'templates';
const VIEWS: readonly ChatView[] = ['replies', 'templates'];

/**
 * The operator's conversation view (`/p/chat`): dialogs and visitors on the left, the open dialog in
 * the middle, the visitor's card on the right; and, on the same connection, the management of their
 * quick replies and the account's templates (`?view=replies|templates`: the conversation stays
 * underneath, unsent text included). The connection to `/chat` and the state around it belong to the
 * chat's background part (chat-background.ts), which the shell runs on every page: leaving this
 * page keeps the operator online, and coming back finds everything as it was.
 */
@Component({
  selector: 'cp-chat-page',
  imports: [
    TranslatePipe,
    ChatIcon,
    SectionNav,
    DialogList,
    VisitorList,
    DialogToolbar,
    Conversation,
    MessageInput,
    VisitorCard,
    VisitorStart,
    StatusSwitch,
    NotificationSettings,
    RepliesManager,
    TemplatesManager,
    RouterLink,
  ],
  providers: [DialogCommands, RepliesService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat.page.html',
  styleUrl: './chat.page.css',
})
export class ChatPage {
  protected readonly store = inject(ChatStore);
  protected readonly sync = inject(ChatSync);
  protected readonly socket = inject(ChatSocket);

  protected readonly views = VIEWS;
  protected readonly view = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => VIEWS.find((v) => v === params.get('view')) ?? null)), {
    initialValue: null,
  });

  /** On screens too narrow for three columns the visitor card slides over the conversation. */
  protected readonly cardShown = signal(false);
  /** Something is open in the middle column (narrow screens then hide the lists). */
  protected readonly focused = computed(() => !!this.store.open() || !!this.store.opening() || !!this.store.cardVisitor());
  protected readonly banner = computed(() => {
    const state = this.socket.state();
    if (state === 'refused') return this.socket.refusal() === 'plugin_disabled' ? 'chat.connection.disabled' : 'chat.connection.refused';
    return state === 'reconnecting' ? 'chat.connection.lost' : null;
  });

  constructor() {
    // While the page shows, the open dialog is being read: its messages are not unread.
    this.store.setViewing(true);
    inject(DestroyRef).onDestroy(() => this.store.setViewing(false));
    // Renaming from the toolbar edits the name in the card: make sure the card is on screen.
    let renames = this.store.renameRequests();
    effect(() => {
      const requests = this.store.renameRequests();
      if (requests !== renames) this.cardShown.set(true);
      renames = requests;
    });
  }

  protected back(): void {
    this.cardShown.set(false);
    this.sync.closeDialogView();
    this.store.selectedVisitorId.set(null);
  }
}
