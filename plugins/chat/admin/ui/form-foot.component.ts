import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ChatIcon } from './chat-icon';

/**
 * The buttons of a management form (C11, C12): submit — "create" for a new entry, "save" for an
 * edit, a spinner while sending — and, while editing, cancel. `<testPrefix>-save`, `-cancel`.
 */
@Component({
  selector: 'cp-form-foot',
  imports: [TranslatePipe, ChatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; justify-content: flex-end; gap: .5rem; }
    .chat-icon { font-size: 1rem; }
  `,
  template: `
    @if (editing()) {
      <button type="button" class="btn btn-secondary" [attr.data-testid]="testPrefix() + '-cancel'" [disabled]="saving()" (click)="cancelled.emit()">
        {{ 'common.cancel' | translate }}
      </button>
    }
    <button type="submit" class="btn btn-primary" [attr.data-testid]="testPrefix() + '-save'" [disabled]="saving()">
      @if (saving()) { <span class="spinner" aria-hidden="true"></span> } @else { <svg [chatIcon]="editing() ? 'check' : 'plus'"></svg> }
      {{ (editing() ? 'chat.manage.save' : createKey()) | translate }}
    </button>
  `,
})
export class FormFoot {
  readonly editing = input(false);
  readonly saving = input(false);
  /** Translation key of the submit button for a new entry. */
  readonly createKey = input.required<string>();
  readonly testPrefix = input.required<string>();
  readonly cancelled = output<void>();
}
