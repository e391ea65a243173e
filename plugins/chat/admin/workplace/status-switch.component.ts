import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService, ReadOnlyNote, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import type { OperatorStatus } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { ChatSocket } from '../background/chat-socket.service';
import { ChatStore } from '../background/chat-store';

const STATUSES: readonly OperatorStatus[] = ['online', 'away', 'offline'];

/** A6: the operator's own status — online, away, offline. Visitors see the widget while someone is online. */
@Component({
  selector: 'cp-status-switch',
  imports: [TranslatePipe, ReadOnlyNote],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: inline-flex; align-items: center; gap: .5rem; flex-wrap: wrap; }
    .seg { display: inline-flex; padding: 2px; border-radius: 9px; background: var(--gray-100); border: 1px solid var(--gray-200); }
    button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: .375rem; padding: .25rem .625rem; border-radius: 7px;
      cursor: pointer; font-size: .8125rem; font-weight: 600; color: var(--gray-500); white-space: nowrap; }
    button:hover:not(:disabled) { color: var(--gray-900); }
    button[aria-pressed='true'] { background: #fff; color: var(--gray-900); box-shadow: 0 1px 2px rgba(15,23,42,.12); }
    button:focus-visible { outline: 2px solid var(--primary-500); outline-offset: 1px; }
    button:disabled { cursor: progress; }
    .seg.read-only button { cursor: not-allowed; }
    .dot { width: .5rem; height: .5rem; border-radius: 50%; background: var(--gray-400); }
    [data-value='online'] .dot { background: var(--success-500); }
    [data-value='away'] .dot { background: #f59e0b; }
    @container chat (max-width: 680px) { .txt { display: none; } button { padding: .375rem .5rem; } }
  `,
  template: `
    <div class="seg" role="group" data-testid="chat-status" [class.read-only]="readOnly()" [attr.data-status]="store.myStatus()" [attr.aria-label]="'chat.status.label' | translate">
      @for (status of statuses; track status) {
        <button type="button" [attr.data-testid]="'chat-status-' + status" [attr.data-value]="status" [attr.aria-pressed]="store.myStatus() === status"
          [disabled]="saving() || readOnly()" [title]="'chat.status.' + status | translate" (click)="set(status)">
          <span class="dot" aria-hidden="true"></span><span class="txt">{{ 'chat.status.' + status | translate }}</span>
        </button>
      }
    </div>
    <!-- A support visit (issue 15) goes online for nobody: the server refuses operator.status. -->
    <cp-read-only-note />
  `,
})
export class StatusSwitch {
  protected readonly store = inject(ChatStore);
  private readonly socket = inject(ChatSocket);
  private readonly toasts = inject(ToastService);
  protected readonly statuses = STATUSES;
  protected readonly saving = signal(false);
  protected readonly readOnly = inject(AuthService).isSupport;

  protected async set(status: OperatorStatus): Promise<void> {
    if (status === this.store.myStatus() || this.readOnly()) return;
    this.saving.set(true);
    try {
      const saved = await this.socket.request('operator.status', { status });
      this.store.myStatus.set(saved.status);
    } catch (err) {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    } finally {
      this.saving.set(false);
    }
  }
}
