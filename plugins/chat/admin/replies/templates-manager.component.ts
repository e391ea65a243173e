import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, ConfirmDialog, ErrorAlert, LocalDatePipe } from '../../../../admin-ui/src/app/plugin-api';
import { CHAT_LIMITS, type TemplateDto } from '../../shared/chat.protocol';
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

/**
 * C12: the account's message templates (`/p/chat?view=templates`), shared by all its operators.
 * Anyone writes one; its author and the account's admins edit or delete it (the server decides, this
 * view only hides what would be refused). Names are unique in the account, in any case.
 */
@Component({
  selector: 'cp-templates-manager',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, ConfirmDialog, LocalDatePipe, FieldNote, FormFoot, RowActions, ListHead],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './templates-manager.component.html',
  styleUrl: '../ui/manager.css',
})
export class TemplatesManager extends EntryManager<TemplateDto> {
  protected readonly store = inject(ChatStore);
  private readonly replies = inject(RepliesService);
  private readonly isAdmin = inject(AuthService).isAdmin;
  protected readonly limits = CHAT_LIMITS;

  protected readonly shown = computed(() =>
    [...this.store.templates()].sort((a, b) => a.name.localeCompare(b.name)).filter((t) => matches(this.query(), t.name, t.text)),
  );
  private readonly authors = computed(() => new Map(this.store.operators().map((o) => [o.id, o.name])));

  protected readonly name = signal('');
  protected readonly text = signal('');
  protected readonly nameProblem = computed(() => {
    const key = this.name().trim().toLocaleLowerCase();
    const taken = this.store.templates().some((t) => t.name.toLocaleLowerCase() === key && t.id !== this.editing()?.id);
    return textProblem(this.name(), this.limits.templateNameLength, 'chat.manage.templates.errors.noName', taken ? 'chat.manage.templates.errors.taken' : null);
  });
  protected readonly bodyProblem = computed(() => textProblem(this.text(), this.limits.templateLength, 'chat.manage.templates.errors.noText'));
  protected readonly refusals = {
    name_taken: 'chat.manage.templates.errors.taken',
    forbidden: 'chat.manage.templates.errors.forbidden',
    too_many_templates: 'chat.manage.templates.errors.tooMany',
  };

  /** What the server lets this operator change: their own templates; an admin, all. */
  protected canChange(template: TemplateDto): boolean {
    return this.isAdmin() || template.authorId === this.store.me();
  }

  protected author(template: TemplateDto): string | null {
    return template.authorId === null ? null : (this.authors().get(template.authorId) ?? null);
  }

  protected fill(template: TemplateDto | null): void {
    this.name.set(template?.name ?? '');
    this.text.set(template?.text ?? '');
  }

  protected invalid(): boolean {
    return !!this.nameProblem() || !!this.bodyProblem();
  }

  protected async write(editing: TemplateDto | null): Promise<string> {
    await this.replies.saveTemplate({ ...(editing ? { id: editing.id } : {}), name: this.name().trim(), text: this.text().trim() });
    return editing ? 'chat.manage.templates.updated' : 'chat.manage.templates.created';
  }

  protected async delete(template: TemplateDto): Promise<string> {
    await this.replies.removeTemplate(template);
    return 'chat.manage.templates.deleted';
  }
}
