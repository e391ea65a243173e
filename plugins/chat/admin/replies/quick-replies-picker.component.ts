import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, type ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import { CHAT_LIMITS, type QuickReplyDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { matches } from '../ui/format';
import { RepliesService } from './replies.service';

/**
 * C11: the operator's quick replies, most used first, filtered as they type; a pick goes into the
 * input (to edit and send) and counts as a use. New ones are written here or starred from sent
 * messages.
 */
@Component({
  selector: 'cp-quick-replies-picker',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './picker.css',
  template: `
    <div class="head">
      <h3>{{ 'chat.replies.title' | translate }}</h3>
      <a class="manage" data-testid="chat-replies-manage" [routerLink]="[]" [queryParams]="{ view: 'replies' }" (click)="left.emit()">{{ 'chat.replies.manage' | translate }}</a>
    </div>
    <div class="search">
      <svg chatIcon="search"></svg>
      <input #q class="input" type="search" data-testid="chat-replies-search" [attr.aria-label]="'chat.replies.search' | translate"
        [placeholder]="'chat.replies.search' | translate" [value]="query()" (input)="query.set(q.value)" (keydown.enter)="pickFirst($event)" />
    </div>
    @if (shown().length) {
      <ul>
        @for (reply of shown(); track reply.id) {
          <li>
            <button type="button" class="pick" data-testid="chat-reply-item" (click)="picked.emit(reply)">
              <span>{{ reply.text }}</span>
              <small>{{ 'chat.replies.uses' | translate: { count: reply.uses } }}</small>
            </button>
            <span class="side">
              <button type="button" class="del" data-testid="chat-reply-delete" [title]="'chat.replies.delete' | translate"
                [attr.aria-label]="'chat.replies.delete' | translate" (click)="remove(reply)"><svg chatIcon="trash"></svg></button>
            </span>
          </li>
        }
      </ul>
    } @else {
      <p class="none">{{ (store.replies().length ? 'chat.replies.noMatch' : 'chat.replies.empty') | translate }}</p>
    }
    <div class="foot">
      <cp-error-alert [error]="error()" testId="chat-reply-error" />
      @if (creating()) {
        <textarea #t class="input" data-testid="chat-reply-text" [attr.maxlength]="maxLength" [attr.aria-label]="'chat.replies.new' | translate"
          [placeholder]="'chat.replies.placeholder' | translate" [value]="text()" (input)="text.set(t.value)"></textarea>
        <div class="row">
          <button type="button" class="btn btn-ghost btn-sm" (click)="creating.set(false)">{{ 'common.cancel' | translate }}</button>
          <button type="button" class="btn btn-primary btn-sm" data-testid="chat-reply-save" [disabled]="saving() || !text().trim()" (click)="create()">
            {{ 'chat.replies.save' | translate }}
          </button>
        </div>
      } @else {
        <button type="button" class="btn btn-soft btn-sm add" data-testid="chat-reply-new" (click)="startCreate()"><svg chatIcon="plus"></svg>{{ 'chat.replies.new' | translate }}</button>
      }
    </div>
  `,
})
export class QuickRepliesPicker {
  protected readonly store = inject(ChatStore);
  private readonly replies = inject(RepliesService);
  protected readonly maxLength = CHAT_LIMITS.quickReplyLength;
  readonly picked = output<QuickReplyDto>();
  /** The operator went to the replies' own view. */
  readonly left = output<void>();

  protected readonly query = signal('');
  protected readonly shown = computed(() => this.store.sortedReplies().filter((r) => matches(this.query(), r.text)));
  protected readonly creating = signal(false);
  protected readonly text = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<ErrorText | null>(null);

  protected pickFirst(event: Event): void {
    event.preventDefault();
    const first = this.shown()[0];
    if (first) this.picked.emit(first);
  }

  protected startCreate(): void {
    this.text.set(this.query());
    this.error.set(null);
    this.creating.set(true);
  }

  protected async create(): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.replies.create(this.text().trim());
      this.creating.set(false);
      this.text.set('');
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(reply: QuickReplyDto): Promise<void> {
    try {
      await this.replies.remove(reply);
    } catch (err) {
      this.error.set(chatErrorText(err));
    }
  }
}
