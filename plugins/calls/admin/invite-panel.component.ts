import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, type OnInit } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../../admin-ui/src/app/plugin-api';
import type { InvitableOperator } from '../shared/calls.protocol';
import { CallSession } from './call-session';

/**
 * D4: «Пригласить» in the call window: the account's online operators who are free (not in a
 * call, not invited), each with «Пригласить» — their panel rings — and «Ссылка для участника»: a
 * single-use, short-lived link for someone without an account, to copy and send. How an
 * invitation ended (declined, no answer) is said here.
 */
@Component({
  selector: 'cp-call-invite',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { flex-basis: 100%; display: flex; flex-direction: column; gap: 0.5rem; font-size: 0.8125rem; }
    h3 { font-size: 0.8125rem; font-weight: 600; margin: 0; color: var(--gray-300); }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.25rem; max-height: 8.5rem; overflow: auto; }
    li { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; padding: 0.25rem 0.25rem 0.25rem 0.5rem; border-radius: var(--radius-sm); background: var(--gray-700); }
    li span { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    p { margin: 0; color: var(--gray-300); }
    .note { color: #fff; }
    .link { display: flex; gap: 0.375rem; }
    .link input { flex: 1; min-width: 0; padding: 0.25rem 0.375rem; border-radius: var(--radius-sm); border: 1px solid var(--gray-600); background: var(--gray-900); color: #fff; font: inherit; }
    .btn { flex: none; padding: 0.25rem 0.625rem; font-size: 0.75rem; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; }
  `,
  template: `
    <div class="head">
      <h3>{{ 'calls.invite.title' | translate }}</h3>
      @if (!session.guestLink()) {
        <button type="button" class="btn btn-secondary" data-testid="calls-guest-make" (click)="session.makeGuestLink()">{{ 'calls.invite.link' | translate }}</button>
      }
    </div>
    @if (operators(); as list) {
      @if (list.length) {
        <ul data-testid="calls-invite-list">
          @for (op of list; track op.id) {
            <li data-testid="calls-invite-operator" [attr.data-user-id]="op.id">
              <span>{{ op.name }}</span>
              @if (invited().has(op.id)) {
                <span data-testid="calls-invite-sent">{{ 'calls.invite.sent' | translate }}</span>
              } @else {
                <button type="button" class="btn btn-primary" data-testid="calls-invite-send" (click)="invite(op)">{{ 'calls.invite.send' | translate }}</button>
              }
            </li>
          }
        </ul>
      } @else {
        <p data-testid="calls-invite-empty">{{ 'calls.invite.empty' | translate }}</p>
      }
    } @else {
      <p>{{ 'calls.invite.loading' | translate }}</p>
    }
    @if (ended(); as e) {
      <p class="note" role="status" data-testid="calls-invite-outcome" [attr.data-outcome]="e.outcome">{{ 'calls.invite.outcome.' + e.outcome | translate: { name: e.name ?? '' } }}</p>
    }
    @if (session.guestLink(); as link) {
      <p>{{ 'calls.invite.linkText' | translate: { time: expires() } }}</p>
      <div class="link">
        <input readonly data-testid="calls-guest-link" [value]="link.url" [attr.aria-label]="'calls.invite.link' | translate" (focus)="$any($event.target).select()" />
        <button type="button" class="btn btn-secondary" data-testid="calls-guest-copy" (click)="copy(link.url)">{{ (copied() ? 'calls.invite.copied' : 'calls.invite.copy') | translate }}</button>
      </div>
    }
  `,
})
export class InvitePanel implements OnInit {
  protected readonly session = inject(CallSession);
  private readonly i18n = inject(I18nService);
  protected readonly operators = signal<InvitableOperator[] | null>(null);
  protected readonly invited = signal<ReadonlySet<number>>(new Set());
  protected readonly copied = signal(false);
  /** An invitation of this list that ended (accepted ones join: their tile says it). */
  protected readonly ended = computed(() => {
    const e = this.session.inviteEnded();
    return e && e.outcome !== 'accepted' ? e : null;
  });
  protected readonly expires = computed(() => {
    const at = this.session.guestLink()?.expiresAt;
    return at ? new Date(at).toLocaleTimeString(this.i18n.current(), { hour: '2-digit', minute: '2-digit' }) : '';
  });

  constructor() {
    // Accepted: in the call now, no longer on the list; declined or unanswered: may be invited again.
    effect(() => {
      const e = this.session.inviteEnded();
      if (e?.outcome === 'accepted') this.operators.update((list) => list?.filter((o) => o.id !== e.userId) ?? null);
      else if (e) this.invited.update((s) => new Set([...s].filter((id) => id !== e.userId)));
    });
  }

  async ngOnInit(): Promise<void> {
    this.operators.set(await this.session.invitable().catch(() => []));
  }

  protected async invite(op: InvitableOperator): Promise<void> {
    await this.session.invite(op.id);
    if (!this.session.error()) this.invited.update((s) => new Set(s).add(op.id));
  }

  protected async copy(url: string): Promise<void> {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    this.copied.set(true);
  }
}
