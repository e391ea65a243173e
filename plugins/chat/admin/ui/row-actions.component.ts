import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ChatIcon } from './chat-icon';

/** Edit and delete of one row of a management list (C11, C12), labelled with what the row is. */
@Component({
  selector: 'cp-row-actions',
  imports: [TranslatePipe, ChatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; gap: .125rem; flex: none; }
    .icon-only { width: 2rem; padding: 0; font-size: 1rem; }
  `,
  template: `
    <button type="button" class="btn btn-ghost btn-sm icon-only" [attr.data-testid]="editTestId()" (click)="edit.emit()"
      [title]="'chat.manage.edit' | translate" [attr.aria-label]="('chat.manage.edit' | translate) + ': ' + name()">
      <svg chatIcon="pencil"></svg>
    </button>
    <button type="button" class="btn btn-danger-ghost btn-sm icon-only" [attr.data-testid]="deleteTestId()" (click)="remove.emit()"
      [title]="'chat.manage.delete' | translate" [attr.aria-label]="('chat.manage.delete' | translate) + ': ' + name()">
      <svg chatIcon="trash"></svg>
    </button>
  `,
})
export class RowActions {
  /** What the row is, for the buttons' accessible names. */
  readonly name = input.required<string>();
  readonly editTestId = input.required<string>();
  readonly deleteTestId = input.required<string>();
  readonly edit = output<void>();
  readonly remove = output<void>();
}
