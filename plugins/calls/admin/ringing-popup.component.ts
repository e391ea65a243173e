import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallDto } from '../shared/calls.protocol';
import { CallIcon } from './call-icon';
import { CallsStore } from './calls.store';
import { initialsOf } from './call-format';

/**
 * D2: the visitors' calls ringing for this operator, over every page of the panel (a
 * FLOATING_WINDOWS entry): who calls, «Принять» / «Отклонить». It closes itself when the call is
 * answered here or by another operator, or is over (CallsStore). D4: an invitation into another
 * operator's call rings here too, saying who invites and to which visitor's call.
 */
@Component({
  selector: 'cp-calls-ringing',
  imports: [TranslatePipe, CallIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './ringing-popup.component.css',
  template: `
    @if (store.ringing().length || store.invitations().length) {
      <div class="stack" role="region" [attr.aria-label]="'calls.ringing.title' | translate">
        @for (call of store.ringing(); track call.id) {
          <section class="ring" role="alertdialog" [attr.aria-labelledby]="'calls-ring-' + call.id" data-testid="calls-ringing" [attr.data-call-id]="call.id" [attr.data-dialog-id]="call.dialogId">
            <span class="avatar" aria-hidden="true">{{ initials(call) }}</span>
            <div class="who">
              <p class="kind">{{ (call.video ? 'calls.ringing.video' : 'calls.ringing.title') | translate }}</p>
              <h2 [id]="'calls-ring-' + call.id" data-testid="calls-ringing-name">{{ 'calls.ringing.from' | translate: { name: call.visitorName } }}</h2>
            </div>
            <div class="buttons">
              <button type="button" class="round decline" data-testid="calls-ringing-decline" [title]="'calls.ringing.decline' | translate" (click)="store.decline(call)">
                <cp-call-icon name="hangup" /><span>{{ 'calls.ringing.decline' | translate }}</span>
              </button>
              <button type="button" class="round accept" data-testid="calls-ringing-accept" [title]="'calls.ringing.accept' | translate" (click)="store.accept(call)">
                <cp-call-icon [name]="call.video ? 'video' : 'mic'" /><span>{{ 'calls.ringing.accept' | translate }}</span>
              </button>
            </div>
          </section>
        }
        @for (invitation of store.invitations(); track invitation.call.id) {
          @let call = invitation.call;
          <section class="ring" role="alertdialog" [attr.aria-labelledby]="'calls-invite-' + call.id" data-testid="calls-invitation" [attr.data-call-id]="call.id" [attr.data-dialog-id]="call.dialogId">
            <span class="avatar" aria-hidden="true">{{ initials(call) }}</span>
            <div class="who">
              <p class="kind">{{ 'calls.invite.notifyTitle' | translate }}</p>
              <h2 [id]="'calls-invite-' + call.id" data-testid="calls-invitation-text">{{ 'calls.invite.from' | translate: { name: invitation.invitedBy ?? '', visitor: call.visitorName } }}</h2>
            </div>
            <div class="buttons">
              <button type="button" class="round decline" data-testid="calls-invitation-decline" [title]="'calls.ringing.decline' | translate" (click)="store.declineInvite(invitation)">
                <cp-call-icon name="hangup" /><span>{{ 'calls.ringing.decline' | translate }}</span>
              </button>
              <button type="button" class="round accept" data-testid="calls-invitation-accept" [title]="'calls.ringing.accept' | translate" (click)="store.acceptInvite(invitation)">
                <cp-call-icon name="mic" /><span>{{ 'calls.ringing.accept' | translate }}</span>
              </button>
            </div>
          </section>
        }
      </div>
    }
  `,
})
export class RingingPopup {
  protected readonly store = inject(CallsStore);
  protected initials(call: CallDto): string {
    return initialsOf(call.visitorName);
  }
}
