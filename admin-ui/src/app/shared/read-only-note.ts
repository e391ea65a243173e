import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth.service';
import { Icon } from './icon';

/**
 * Beside a disabled save button in a support visit (issue 15): why it is disabled. Shows nothing
 * outside a visit, so a page puts it in unconditionally.
 */
@Component({
  selector: 'cp-read-only-note',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .note { display: inline-flex; align-items: center; gap: .375rem; color: var(--warning-700); font-size: .8125rem; font-weight: 550; }
  `,
  template: `
    @if (auth.isSupport()) {
      <span class="note" role="note" data-testid="read-only-note"><cp-icon name="lock" />{{ 'support.readOnlyNote' | translate }}</span>
    }
  `,
})
export class ReadOnlyNote {
  protected readonly auth = inject(AuthService);
}
