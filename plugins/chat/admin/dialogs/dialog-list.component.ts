import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DIALOG_LIST_BADGES, I18nService, PluginSlot, PluginSlots } from '../../../../admin-ui/src/app/plugin-api';
import type { DialogDto } from '../../shared/chat.protocol';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { InitialsPipe, ShortStampPipe } from '../ui/format';

/** The dialogs of the chosen section: visitor, last message, time, unread dot, other plugins' marks (DIALOG_LIST_BADGES). */
@Component({
  selector: 'cp-dialog-list',
  imports: [TranslatePipe, ChatIcon, ShortStampPipe, InitialsPipe, PluginSlot],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog-list.component.css',
  template: `
    @if (sync.dialogsError(); as err) {
      <div class="state error" role="alert">
        <p>{{ err.key ?? 'errors.generic' | translate }}</p>
        <button type="button" class="btn btn-secondary btn-sm" (click)="sync.loadDialogs()">{{ 'common.retry' | translate }}</button>
      </div>
    } @else if (store.dialogs(); as list) {
      @if (list.length) {
        <ul [attr.aria-label]="sectionLabel() | translate">
          @for (dialog of list; track dialog.id) {
            <li>
              <button type="button" class="item" data-testid="chat-dialog-item" [attr.data-dialog-id]="dialog.id"
                [attr.aria-current]="openId() === dialog.id" [class.unread]="store.isUnread(dialog)" [class.closed]="dialog.status === 'closed'"
                (click)="sync.openDialog(dialog.id)">
                <span class="avatar" aria-hidden="true">
                  {{ dialog.visitorName | initials }}
                  <span class="presence" [attr.data-activity]="activity(dialog)"></span>
                </span>
                <span class="body">
                  <span class="top">
                    <span class="name">{{ dialog.visitorName }}</span>
                    @if (dialog.important) { <svg chatIcon="flag" class="flag"></svg> }
                    @for (badge of badges(); track badge.pluginId + ':' + badge.value.id) {
                      <span class="plugin-badge"><cp-plugin-slot [entry]="badge" [inputs]="{ visitorId: dialog.visitorId, dialogId: dialog.id }" /></span>
                    }
                    <time class="time" [attr.datetime]="dialog.lastMessage?.createdAt ?? dialog.createdAt">
                      {{ dialog.lastMessage?.createdAt ?? dialog.createdAt | shortStamp: lang() : store.now() }}
                    </time>
                  </span>
                  <span class="bottom">
                    <span class="preview">
                      @if (prefixKey(dialog); as key) { <span class="who">{{ key | translate: { name: dialog.lastMessage?.author?.name } }}</span> }
                      {{ preview(dialog) }}
                    </span>
                    @if (store.isUnread(dialog)) {
                      <span class="dot" data-testid="chat-unread"><span class="sr-only">{{ 'chat.list.unread' | translate }}</span></span>
                    }
                  </span>
                  @if (assignee(dialog); as name) {
                    <span class="meta"><svg chatIcon="user"></svg>{{ name }}</span>
                  }
                </span>
              </button>
            </li>
          }
        </ul>
      } @else {
        <div class="state">
          <svg chatIcon="chats"></svg>
          <p>{{ 'chat.list.empty.' + store.section() | translate }}</p>
        </div>
      }
    } @else {
      <div class="skeletons" aria-busy="true">
        @for (i of [1, 2, 3, 4]; track i) {
          <div class="sk"><span class="skeleton round"></span><span class="lines"><span class="skeleton"></span><span class="skeleton short"></span></span></div>
        }
      </div>
    }
  `,
})
export class DialogList {
  protected readonly badges = inject(PluginSlots).of(DIALOG_LIST_BADGES);
  protected readonly store = inject(ChatStore);
  protected readonly sync = inject(ChatSync);
  protected readonly lang = inject(I18nService).current;
  protected readonly openId = computed(() => this.store.open()?.dialog.id ?? this.store.opening());
  protected readonly sectionLabel = computed(() => `chat.sections.${this.store.section()}`);

  protected activity(dialog: DialogDto): string {
    return this.store.visitorsById().get(dialog.visitorId)?.activity ?? 'left';
  }

  /** "You:" before the operator's own last message, the colleague's name before theirs. */
  protected prefixKey(dialog: DialogDto): string | null {
    const author = dialog.lastMessage?.author;
    if (!author || author.kind !== 'operator') return null;
    return author.userId === this.store.me() ? 'chat.list.you' : 'chat.list.colleague';
  }

  protected preview(dialog: DialogDto): string {
    const last = dialog.lastMessage;
    if (!last) return '';
    return last.text || last.attachments.map((a) => a.name).join(', ');
  }

  /** In Common messages: who has the dialog. */
  protected assignee(dialog: DialogDto): string | null {
    if (this.store.section() !== 'common' || dialog.assigneeId === null) return null;
    return this.store.operators().find((o) => o.id === dialog.assigneeId)?.name ?? null;
  }
}
