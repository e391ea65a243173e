import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, type ErrorText, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import type { DialogDto } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatIcon } from '../ui/chat-icon';
import { ChatStore } from '../background/chat-store';
import { ChatSync } from '../background/chat-sync.service';
import { DialogCommands, type TransferTarget } from './dialog-commands.service';
import { InitialsPipe } from '../ui/format';

interface Option {
  key: string;
  name: string;
  hint: string;
  target: TransferTarget;
}

/** C14: hand the dialog to a colleague who is online now, or to a department. */
@Component({
  selector: 'cp-transfer-panel',
  imports: [TranslatePipe, ChatIcon, InitialsPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; width: 19rem; padding: .75rem 0 .5rem; }
    h3 { margin: 0; padding: 0 1rem .5rem; font-size: .9375rem; }
    h4 { margin: .5rem 0 .25rem; padding: 0 1rem; font-size: .6875rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--gray-400); }
    ul { list-style: none; margin: 0; padding: 0 .375rem; display: grid; gap: 1px; max-height: 16rem; overflow-y: auto; }
    button { all: unset; box-sizing: border-box; width: 100%; display: flex; align-items: center; gap: .625rem; padding: .4375rem .625rem; border-radius: 7px; cursor: pointer; }
    button:hover:not(:disabled), button:focus-visible { background: var(--gray-100); outline: none; }
    button:disabled { opacity: .6; cursor: progress; }
    .avatar { width: 1.875rem; height: 1.875rem; font-size: .6875rem; }
    .dept { background: var(--gray-100); color: var(--gray-500); }
    .text { display: grid; min-width: 0; font-size: .875rem; line-height: 1.3; }
    .text small { color: var(--gray-500); font-size: .75rem; }
    .none { margin: 0; padding: .25rem 1rem .5rem; font-size: .8125rem; color: var(--gray-500); }
    cp-error-alert { display: block; padding: .5rem .75rem 0; }
  `,
  template: `
    <h3>{{ 'chat.transfer.title' | translate }}</h3>
    <h4>{{ 'chat.transfer.operators' | translate }}</h4>
    @if (operators().length) {
      <ul>
        @for (option of operators(); track option.key) {
          <li>
            <button type="button" data-testid="chat-transfer-target" [attr.data-target]="option.key" [disabled]="sending() !== null" (click)="pick(option)">
              <span class="avatar" aria-hidden="true">{{ option.name | initials }}</span>
              <span class="text">{{ option.name }}<small>{{ option.hint | translate }}</small></span>
            </button>
          </li>
        }
      </ul>
    } @else {
      <p class="none">{{ 'chat.transfer.noOperators' | translate }}</p>
    }
    <h4>{{ 'chat.transfer.departments' | translate }}</h4>
    @if (departments().length) {
      <ul>
        @for (option of departments(); track option.key) {
          <li>
            <button type="button" data-testid="chat-transfer-target" [attr.data-target]="option.key" [disabled]="sending() !== null" (click)="pick(option)">
              <span class="avatar dept" aria-hidden="true"><svg chatIcon="users"></svg></span>
              <span class="text">{{ option.name }}<small>{{ option.hint | translate }}</small></span>
            </button>
          </li>
        }
      </ul>
    } @else {
      <p class="none">{{ 'chat.transfer.noDepartments' | translate }}</p>
    }
    <cp-error-alert [error]="error()" testId="chat-transfer-error" />
  `,
})
export class TransferPanel {
  private readonly store = inject(ChatStore);
  private readonly commands = inject(DialogCommands);
  private readonly toasts = inject(ToastService);
  readonly dialog = input.required<DialogDto>();
  readonly done = output<void>();
  protected readonly sending = signal<string | null>(null);
  protected readonly error = signal<ErrorText | null>(null);

  constructor() {
    void inject(ChatSync).refreshTeam();
  }

  protected readonly operators = computed<Option[]>(() =>
    this.store.transferOperators().map((o) => ({ key: `user:${o.id}`, name: o.name, hint: 'chat.status.online', target: { toUserId: o.id } })),
  );
  protected readonly departments = computed<Option[]>(() =>
    this.store.departments().map((d) => ({ key: `department:${d.id}`, name: d.name, hint: 'chat.transfer.members', target: { toDepartmentId: d.id } })),
  );

  protected async pick(option: Option): Promise<void> {
    this.sending.set(option.key);
    this.error.set(null);
    try {
      await this.commands.transfer(this.dialog(), option.target);
      this.toasts.show('success', 'chat.toast.transferred', { name: option.name });
      this.done.emit();
    } catch (err) {
      this.error.set(chatErrorText(err));
    } finally {
      this.sending.set(null);
    }
  }
}
