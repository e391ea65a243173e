import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, LoadError } from '../../../admin-ui/src/app/plugin-api';
import type { PlanSetEditor } from './plan-set-editor';

/**
 * The frame of a console page that edits the agency's plan set («Тарифы», «Реквизиты»): title,
 * the load's failure with its retry, the form around the page's fields (projected; they read
 * `ed.draft()`), its refusal, «Отменить изменения» and «Сохранить».
 */
@Component({
  selector: 'cp-plan-set-frame',
  imports: [TranslatePipe, ErrorAlert, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .foot { display: flex; flex-wrap: wrap; justify-content: flex-end; align-items: center; gap: .5rem; margin-top: 1.25rem; }
    .foot cp-error-alert { flex: 1 1 100%; }
    @media (max-width: 640px) { .foot .btn { flex: 1 1 auto; } }
  `,
  template: `
    <div class="page" [attr.data-testid]="testId()">
      <header class="page-head">
        <div>
          <h1>{{ titleKey() | translate }}</h1>
          <p>{{ subtitleKey() | translate }}</p>
        </div>
      </header>
      @if (ed().loadError(); as err) {
        <cp-load-error [error]="err" (retry)="ed().load()" />
      } @else {
        <form novalidate [hidden]="!ed().draft()" (submit)="$event.preventDefault(); save.emit()">
          <ng-content />
          <div class="foot">
            <cp-error-alert [error]="ed().saveError()" testId="billing-agency-error" />
            <button type="button" class="btn btn-ghost" [disabled]="!ed().dirty() || ed().saving()" (click)="ed().reset()">{{ 'billing.agency.undo' | translate }}</button>
            <button type="submit" class="btn btn-primary" data-testid="billing-agency-save" [disabled]="!ed().dirty() || ed().saving()">
              {{ (ed().saving() ? 'billing.agency.saving' : 'billing.agency.save') | translate }}
            </button>
          </div>
        </form>
        @if (!ed().draft()) {
          <div class="card card-body" aria-busy="true"><div class="skeleton" style="height: 10rem"></div></div>
        }
      }
    </div>
  `,
})
export class PlanSetFrame {
  readonly ed = input.required<PlanSetEditor>();
  readonly titleKey = input.required<string>();
  readonly subtitleKey = input.required<string>();
  readonly testId = input.required<string>();
  readonly save = output();
}
