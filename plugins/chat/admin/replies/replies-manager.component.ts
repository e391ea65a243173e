import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, ErrorAlert, LocalDatePipe } from '../../../../admin-ui/src/app/plugin-api';
import { CHAT_LIMITS, type QuickReplyDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { EntryManager } from '../ui/entry-manager';
import { FieldNote } from '../ui/field-note.component';
import { FormFoot } from '../ui/form-foot.component';
import { ListHead } from '../ui/list-head.component';
import { matches } from '../ui/format';
import { textProblem } from '../ui/manager-form';
import { RepliesService } from './replies.service';
import { RowActions } from '../ui/row-actions.component';

export type ReplySort = 'uses' | 'text' | 'new';

const SORTS: Record<ReplySort, (a: QuickReplyDto, b: QuickReplyDto) => number> = {
  uses: (a, b) => b.uses - a.uses || a.text.localeCompare(b.text),
  text: (a, b) => a.text.localeCompare(b.text),
  new: (a, b) => b.createdAt.localeCompare(a.createdAt),
};

/**
 * C11: the operator's own quick replies, managed in one place (`/p/chat?view=replies`): found by
 * their text, sorted by use (as the picker shows them), by text or newest first; written, edited
 * and deleted. Starring a sent message adds to the same list.
 */
@Component({
  selector: 'cp-replies-manager',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, ConfirmDialog, LocalDatePipe, FieldNote, FormFoot, RowActions, ListHead],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './replies-manager.component.html',
  styleUrl: '../ui/manager.css',
})
export class RepliesManager extends EntryManager<QuickReplyDto> implements OnInit {
  protected readonly store = inject(ChatStore);
  private readonly replies = inject(RepliesService);
  protected readonly maxLength = CHAT_LIMITS.quickReplyLength;
  protected readonly sorts = Object.keys(SORTS) as ReplySort[];

  protected readonly sort = signal<ReplySort>('uses');
  protected readonly shown = computed(() => [...this.store.replies()].sort(SORTS[this.sort()]).filter((r) => matches(this.query(), r.text)));

  protected readonly text = signal('');
  protected readonly problem = computed(() => {
    const value = this.text().trim();
    const taken = this.store.replies().some((r) => r.text === value && r.id !== this.editing()?.id);
    return textProblem(this.text(), this.maxLength, 'chat.manage.replies.errors.empty', taken ? 'chat.manage.replies.errors.taken' : null);
  });
  /** The reply the delete confirmation quotes, cut to a line. */
  protected readonly confirmingText = computed(() => {
    const text = this.confirming()?.text ?? '';
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  });
  protected readonly refusals = { reply_exists: 'chat.manage.replies.errors.taken', too_many_replies: 'chat.manage.replies.errors.tooMany' };

  ngOnInit(): void {
    // Another tab of the operator may have changed the list: it is not pushed.
    this.replies.refresh().catch((err: unknown) => this.listError.set(chatErrorText(err)));
  }

  protected fill(reply: QuickReplyDto | null): void {
    this.text.set(reply?.text ?? '');
  }

  protected invalid(): boolean {
    return !!this.problem();
  }

  protected async write(editing: QuickReplyDto | null): Promise<string> {
    const text = this.text().trim();
    if (editing) await this.replies.update(editing, text);
    else await this.replies.create(text);
    return editing ? 'chat.manage.replies.updated' : 'chat.manage.replies.created';
  }

  protected async delete(reply: QuickReplyDto): Promise<string> {
    await this.replies.remove(reply);
    return 'chat.manage.replies.deleted';
  }
}
