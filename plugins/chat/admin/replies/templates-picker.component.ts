import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, ErrorAlert, type ErrorText } from '../../../../admin-ui/src/app/plugin-api';
import { CHAT_LIMITS, type TemplateDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { matches } from '../ui/format';
import { RepliesService } from './replies.service';

interface Draft {
  id?: string;
  name: string;
  text: string;
}

/** C12: the account's message templates (name + text) to insert; any operator writes one, its author or an admin edits it. */
@Component({
  selector: 'cp-templates-picker',
  imports: [TranslatePipe, ChatIcon, ErrorAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './picker.css',
  template: `
    <div class="head">
      <h3>{{ 'chat.templates.title' | translate }}</h3>
      <a class="manage" data-testid="chat-templates-manage" [routerLink]="[]" [queryParams]="{ view: 'templates' }" (click)="left.emit()">{{ 'chat.templates.manage' | translate }}</a>
    </div>
    @if (!draft()) {
      <div class="search">
        <svg chatIcon="search"></svg>
        <input #q class="input" type="search" data-testid="chat-templates-search" [attr.aria-label]="'chat.templates.search' | translate"
          [placeholder]="'chat.templates.search' | translate" [value]="query()" (input)="query.set(q.value)" />
      </div>
      @if (shown().length) {
        <ul>
          @for (template of shown(); track template.id) {
            <li>
              <button type="button" class="pick" data-testid="chat-template-item" [title]="'chat.templates.insert' | translate" (click)="picked.emit(template)">
                <strong>{{ template.name }}</strong>
                <span>{{ template.text }}</span>
              </button>
              @if (canChange(template)) {
                <span class="side">
                  <button type="button" data-testid="chat-template-edit" [title]="'chat.templates.edit' | translate" [attr.aria-label]="'chat.templates.edit' | translate"
                    (click)="edit(template)"><svg chatIcon="pencil"></svg></button>
                  <button type="button" class="del" data-testid="chat-template-delete" [title]="'chat.templates.delete' | translate"
                    [attr.aria-label]="'chat.templates.delete' | translate" (click)="remove(template)"><svg chatIcon="trash"></svg></button>
                </span>
              }
            </li>
          }
        </ul>
      } @else {
        <p class="none">{{ (store.templates().length ? 'chat.templates.noMatch' : 'chat.templates.empty') | translate }}</p>
      }
    }
    <div class="foot">
      <cp-error-alert [error]="error()" testId="chat-template-error" />
      @if (draft(); as d) {
        <input #n class="input" data-testid="chat-template-name" [attr.maxlength]="limits.templateNameLength" [attr.aria-label]="'chat.templates.name' | translate"
          [placeholder]="'chat.templates.name' | translate" [value]="d.name" (input)="patch({ name: n.value })" />
        <textarea #t class="input" data-testid="chat-template-text" [attr.maxlength]="limits.templateLength" [attr.aria-label]="'chat.templates.text' | translate"
          [placeholder]="'chat.templates.text' | translate" [value]="d.text" (input)="patch({ text: t.value })"></textarea>
        <div class="row">
          <button type="button" class="btn btn-ghost btn-sm" (click)="draft.set(null)">{{ 'common.cancel' | translate }}</button>
          <button type="button" class="btn btn-primary btn-sm" data-testid="chat-template-save" [disabled]="saving() || !d.name.trim() || !d.text.trim()" (click)="save(d)">
            {{ 'chat.templates.save' | translate }}
          </button>
        </div>
      } @else {
        <button type="button" class="btn btn-soft btn-sm add" data-testid="chat-template-new" (click)="edit(null)"><svg chatIcon="plus"></svg>{{ 'chat.templates.new' | translate }}</button>
      }
    </div>
  `,
})
export class TemplatesPicker {
  protected readonly store = inject(ChatStore);
  private readonly replies = inject(RepliesService);
  private readonly isAdmin = inject(AuthService).isAdmin;
  protected readonly limits = CHAT_LIMITS;
  readonly picked = output<TemplateDto>();
  /** The operator went to the templates' own view. */
  readonly left = output<void>();

  protected readonly query = signal('');
  protected readonly shown = computed(() =>
    [...this.store.templates()].sort((a, b) => a.name.localeCompare(b.name)).filter((t) => matches(this.query(), t.name, t.text)),
  );
  protected readonly draft = signal<Draft | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<ErrorText | null>(null);

  /** Its author and admins; the server checks the same. */
  protected canChange(template: TemplateDto): boolean {
    return this.isAdmin() || template.authorId === this.store.me();
  }

  protected edit(template: TemplateDto | null): void {
    this.error.set(null);
    this.draft.set(template ? { id: template.id, name: template.name, text: template.text } : { name: '', text: '' });
  }

  protected patch(changes: Partial<Draft>): void {
    this.draft.update((d) => (d ? { ...d, ...changes } : d));
  }

  protected async save(draft: Draft): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.replies.saveTemplate({ ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), text: draft.text.trim() });
      this.draft.set(null);
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(template: TemplateDto): Promise<void> {
    this.error.set(null);
    try {
      await this.replies.removeTemplate(template);
    } catch (err) {
      this.error.set(chatErrorText(err));
    }
  }
}
