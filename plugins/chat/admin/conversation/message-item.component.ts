import { ChangeDetectionStrategy, Component, type ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { type ErrorText, I18nService, MESSAGE_RENDERERS, PluginSlot, PluginSlots, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { type AttachmentDto, CHAT_LIMITS } from '../../shared/chat.protocol';
import { linkify } from '../../widget/linkify';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { DialogCommands } from '../dialogs/dialog-commands.service';
import { ClockTimePipe, FileSizePipe, FullStampPipe } from '../ui/format';
import type { MessageView } from './message-view';
import { ChatOutbox } from './outbox.service';
import { ChatPopover } from '../ui/popover.component';
import { RepliesService } from '../replies/replies.service';

/**
 * One message: text (links made clickable, never parsed as HTML), attachments, time, edited mark,
 * and for the operator's own messages the send state (C8), editing within 10 minutes (C10) and the
 * star that makes it a quick reply (C11). A plugin's message kind is drawn by that plugin's renderer
 * (MESSAGE_RENDERERS) while it is enabled, else as its plain-text fallback.
 */
@Component({
  selector: 'cp-message-item',
  imports: [TranslatePipe, ChatIcon, ChatPopover, ClockTimePipe, FullStampPipe, FileSizePipe, PluginSlot],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './message-item.component.css',
  host: {
    'data-testid': 'chat-message',
    '[attr.data-kind]': 'view().kind',
    '[attr.data-state]': 'view().state',
    '[attr.data-message-id]': 'view().message?.id ?? null',
    '[attr.data-client-id]': 'view().clientId',
    '[class.own]': 'view().own',
    '[class.mine-side]': "view().kind === 'operator'",
    '[class.editing]': 'editing()',
    '(contextmenu)': 'openMenu($event)',
  },
  template: `
    @let v = view();
    @if (v.kind === 'system') {
      <p class="system">{{ v.text }} <time [attr.datetime]="v.createdAt">{{ v.createdAt | clockTime: lang() }}</time></p>
    } @else {
      @if (!v.own && v.kind === 'operator') { <span class="author">{{ v.authorName }}</span> }
      <div class="bubble-row">
        @if (v.own && v.message && !editing()) {
          <div class="tools">
            @if (editable()) {
              <button type="button" data-testid="chat-message-edit" [title]="'chat.message.edit' | translate" [attr.aria-label]="'chat.message.edit' | translate" (click)="startEdit()">
                <svg chatIcon="pencil"></svg>
              </button>
            }
            @if (v.text) {
              <button type="button" data-testid="chat-message-star" [title]="'chat.message.star' | translate" [attr.aria-label]="'chat.message.star' | translate"
                [disabled]="starring()" (click)="star()">
                <svg chatIcon="star"></svg>
              </button>
            }
          </div>
        }
        <div class="bubble" [class.failed]="v.state === 'error'">
          @if (editing()) {
            <textarea #editor class="editor" data-testid="chat-message-editor" spellcheck="true" [attr.lang]="lang()" [value]="draft()"
              [attr.maxlength]="maxLength" [attr.aria-label]="'chat.message.edit' | translate"
              (input)="draft.set(editor.value)" (keydown)="editKey($event)"></textarea>
            <div class="edit-actions">
              <span class="hint">{{ 'chat.message.editHint' | translate }}</span>
              <button type="button" class="btn btn-ghost btn-sm" (click)="cancelEdit()">{{ 'common.cancel' | translate }}</button>
              <button type="button" class="btn btn-primary btn-sm" data-testid="chat-message-save" [disabled]="saving() || !draft().trim()" (click)="saveEdit()">
                {{ 'chat.message.save' | translate }}
              </button>
            </div>
          } @else {
            @if (renderer(); as r) {
              <div class="plugin-message" data-testid="chat-plugin-message"><cp-plugin-slot [entry]="r" [inputs]="{ payload: v.message?.payload, text: v.text }" /></div>
            } @else if (v.text) {
              <p class="text">@for (part of parts(); track $index) {@if (part.href) {<a [href]="part.href" target="_blank" rel="noopener noreferrer nofollow">{{ part.text }}</a>} @else {<span>{{ part.text }}</span>}}</p>
            }
            @if (images().length) {
              <div class="images">
                @for (image of images(); track image.id) {
                  <button type="button" class="thumb" [attr.aria-label]="'chat.files.open' | translate: { name: image.name }" (click)="openImage.emit(image)">
                    <img [src]="image.url" [alt]="image.name" loading="lazy" decoding="async" />
                  </button>
                }
              </div>
            }
            @for (file of files(); track file.id) {
              <a class="file" data-testid="chat-file" [href]="file.url" target="_blank" rel="noopener noreferrer" [attr.download]="file.name">
                <span class="file-ico"><svg chatIcon="file"></svg></span>
                <span class="file-text"><span class="file-name">{{ file.name }}</span><small>{{ file.size | fileSize: lang() }}</small></span>
              </a>
            }
          }
        </div>
      </div>
      @if (editError(); as err) {
        <p class="error" role="alert" data-testid="chat-edit-error">{{ err.key ?? 'errors.generic' | translate }}</p>
      }
      <div class="meta">
        <time [attr.datetime]="v.createdAt" [title]="v.createdAt | fullStamp: lang()">{{ v.createdAt | clockTime: lang() }}</time>
        @if (v.editedAt) { <span class="edited" [title]="v.editedAt | fullStamp: lang()">{{ 'chat.message.edited' | translate }}</span> }
        @switch (v.state) {
          @case ('sending') { <span class="state sending" [title]="'chat.message.sending' | translate"><svg chatIcon="clock"></svg><span class="sr-only">{{ 'chat.message.sending' | translate }}</span></span> }
          @case ('sent') { <span class="state sent" [title]="'chat.message.sent' | translate"><svg chatIcon="check"></svg><span class="sr-only">{{ 'chat.message.sent' | translate }}</span></span> }
          @case ('read') { <span class="state read" [title]="'chat.message.read' | translate"><svg chatIcon="checks"></svg><span class="sr-only">{{ 'chat.message.read' | translate }}</span></span> }
          @case ('error') {
            <button type="button" class="state resend" data-testid="chat-message-resend" (click)="resend()">
              <svg chatIcon="alert"></svg>{{ (v.error ? 'chat.message.refused' : 'chat.message.notSent') | translate }}
            </button>
          }
        }
      </div>
      @if (v.state === 'error' && v.error) { <p class="error" role="alert">{{ v.error }}</p> }
      @if (menuOpen()) {
        <cp-chat-popover [edge]="v.own ? 'end' : 'start'" [label]="'chat.message.menu' | translate" (closed)="menuOpen.set(false)">
          <ul class="menu" role="menu">
            @if (editable()) { <li role="none"><button type="button" role="menuitem" (click)="startEdit()"><svg chatIcon="pencil"></svg>{{ 'chat.message.edit' | translate }}</button></li> }
            <li role="none"><button type="button" role="menuitem" (click)="star()"><svg chatIcon="star"></svg>{{ 'chat.message.star' | translate }}</button></li>
          </ul>
        </cp-chat-popover>
      }
    }
  `,
})
export class MessageItem {
  private readonly store = inject(ChatStore);
  private readonly commands = inject(DialogCommands);
  private readonly replies = inject(RepliesService);
  private readonly outbox = inject(ChatOutbox);
  private readonly toasts = inject(ToastService);
  protected readonly lang = inject(I18nService).current;
  protected readonly maxLength = CHAT_LIMITS.messageLength;

  readonly view = input.required<MessageView>();
  readonly openImage = output<AttachmentDto>();

  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly saving = signal(false);
  protected readonly editError = signal<ErrorText | null>(null);
  protected readonly starring = signal(false);
  protected readonly menuOpen = signal(false);
  private readonly editor = viewChild<ElementRef<HTMLTextAreaElement>>('editor');

  protected readonly parts = computed(() => linkify(this.view().text));
  private readonly renderers = inject(PluginSlots).of(MESSAGE_RENDERERS);
  protected readonly renderer = computed(() => {
    const kind = this.view().message?.kind;
    return kind ? this.renderers().find((r) => r.value.kind === kind) : undefined;
  });
  protected readonly images = computed(() => this.view().attachments.filter((a) => a.isImage));
  protected readonly files = computed(() => this.view().attachments.filter((a) => !a.isImage));
  /** C10: own text messages, for 10 minutes after sending (the server checks again). */
  protected readonly editable = computed(() => {
    const v = this.view();
    return !!v.message && v.own && !!v.text && this.store.now() - Date.parse(v.createdAt) < CHAT_LIMITS.editWindowMs;
  });

  protected openMenu(event: MouseEvent): void {
    const v = this.view();
    // The browser's own menu stays for links, selections and everything that is not a stored operator message.
    if (!v.message || v.kind !== 'operator' || !v.text || (event.target as Element).closest('a, textarea') || getSelection()?.toString()) return;
    event.preventDefault();
    this.menuOpen.set(true);
  }

  protected startEdit(): void {
    this.menuOpen.set(false);
    this.draft.set(this.view().text);
    this.editError.set(null);
    this.editing.set(true);
    setTimeout(() => {
      const box = this.editor()?.nativeElement;
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
    });
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.editError.set(null);
  }

  protected editKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.cancelEdit();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.saveEdit();
    }
  }

  protected async saveEdit(): Promise<void> {
    const message = this.view().message;
    const text = this.draft().trim();
    if (!message || !text || this.saving()) return;
    if (text === message.text) return this.cancelEdit();
    this.saving.set(true);
    this.editError.set(null);
    try {
      await this.commands.editMessage(message, text);
      this.editing.set(false);
    } catch (err) {
      // The server's refusal (e.g. the 10 minutes are over) stays next to the message.
      this.editError.set(chatErrorText(err));
    } finally {
      this.saving.set(false);
    }
  }

  protected async star(): Promise<void> {
    const message = this.view().message;
    this.menuOpen.set(false);
    if (!message) return;
    this.starring.set(true);
    try {
      await this.replies.star(message);
      this.toasts.show('success', 'chat.toast.starred');
    } catch (err) {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    } finally {
      this.starring.set(false);
    }
  }

  protected resend(): void {
    this.outbox.resend(this.view().clientId);
  }
}
