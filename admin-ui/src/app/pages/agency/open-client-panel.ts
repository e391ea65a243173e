import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '@ngx-translate/core';
import { errorKey, toApiError } from '../../core/api-error';
import { supportEntryUrl } from '../../core/support-entry';
import { Icon } from '../../shared/icon';
import { ToastService } from '../../shared/toast.service';
import { AgencyService } from './agency.service';

/**
 * «Открыть панель клиента» (issue 15): starts a support visit and opens the client's panel in a
 * new tab, read-only. The tab is opened at the click (a later `window.open` would be a blocked
 * pop-up) and sent on once the visit exists; the staff member's own session stays in this tab.
 */
@Component({
  selector: 'cp-open-client-panel',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: inline-block; margin: 0 .375rem .25rem 0; }',
  template: `
    <button type="button" class="btn btn-sm btn-secondary" data-testid="client-open-panel" [disabled]="opening()" (click)="open()">
      <cp-icon name="eye" />
      {{ 'agency.clients.openPanel' | translate }}
    </button>
  `,
})
export class OpenClientPanel {
  readonly clientId = input.required<string>();
  private readonly api = inject(AgencyService);
  private readonly toasts = inject(ToastService);
  protected readonly opening = signal(false);

  protected async open(): Promise<void> {
    this.opening.set(true);
    const tab = window.open('about:blank', '_blank');
    try {
      const url = new URL(supportEntryUrl(await firstValueFrom(this.api.startSupport(this.clientId()))), window.location.origin).href;
      // Blocked pop-up: this tab goes instead (its support session is its own; the exit comes back here).
      if (tab) tab.location.href = url;
      else window.location.assign(url);
    } catch (err) {
      tab?.close();
      this.toasts.show('error', errorKey(toApiError(err)));
    } finally {
      this.opening.set(false);
    }
  }
}
