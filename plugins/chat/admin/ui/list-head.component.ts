import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ChatIcon } from './chat-icon';

/**
 * The head of a management list (C11, C12): its title and count, "Add", and a search; more tools
 * (a sort) go in as content. Test ids: `<testPrefix>-count`, `-new-entry`, `-manage-search`.
 */
@Component({
  selector: 'cp-list-head',
  imports: [TranslatePipe, ChatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; border-bottom: 1px solid var(--gray-100); }
    .card-head { align-items: flex-start; }
    .new { flex: none; gap: .375rem; }
    .new .chat-icon { font-size: 1rem; }
    .tools { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; padding: .875rem 1.25rem; }
    .search { position: relative; flex: 1; min-width: min(14rem, 100%); }
    .search .chat-icon { position: absolute; left: .625rem; top: 50%; transform: translateY(-50%); color: var(--gray-400); }
    .search .input { padding-left: 2rem; }
  `,
  template: `
    <div class="card-head">
      <div>
        <h2 [id]="titleId()">{{ title() }}</h2>
        <p [attr.data-testid]="testPrefix() + '-count'">{{ 'chat.manage.count' | translate: { count: count() } }}</p>
      </div>
      <button type="button" class="btn btn-soft btn-sm new" [attr.data-testid]="testPrefix() + '-new-entry'" (click)="add.emit()">
        <svg chatIcon="plus"></svg>{{ 'chat.manage.add' | translate }}
      </button>
    </div>
    <div class="tools">
      <div class="search">
        <svg chatIcon="search"></svg>
        <input #q class="input" type="search" [attr.data-testid]="testPrefix() + '-manage-search'" [attr.aria-label]="searchLabel()"
          [placeholder]="searchLabel()" [value]="query()" (input)="queryChange.emit(q.value)" />
      </div>
      <ng-content />
    </div>
  `,
})
export class ListHead {
  readonly title = input.required<string>();
  /** The list's `aria-labelledby`. */
  readonly titleId = input.required<string>();
  readonly count = input.required<number>();
  readonly searchLabel = input.required<string>();
  readonly query = input('');
  readonly testPrefix = input.required<string>();
  readonly queryChange = output<string>();
  readonly add = output<void>();
}
