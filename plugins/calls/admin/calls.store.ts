import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import { AuthService, I18nService, PanelNotifications } from '../../../admin-ui/src/app/plugin-api';
import type { CallDto, CallInvitation } from '../shared/calls.protocol';
import { CallSession } from './call-session';
import { CallsSocket } from './calls-socket';
import { RingTone } from './ring-tone';

/** The notification kind (C20) the calls plugin registers: «Звонки», with its own switch. */
export const CALLS_NOTIFY_KIND = 'calls';

/**
 * The calls this operator is rung for, on any page of the panel (D2): `calls.mine` on start and
 * after every reconnect, `call.ringing` adds one (with the ring and a browser notification),
 * `call.updated` takes it away once it is answered — by this operator or another — or over. The
 * call this panel takes part in is the CallSession's. D4: invitations into another operator's call
 * ring the same way (`call.invited`), until answered here or on another panel of this operator,
 * timed out (`call.invite.ended`) or the call is over.
 */
@Injectable()
export class CallsStore {
  private readonly socket = inject(CallsSocket);
  private readonly session = inject(CallSession);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifications = inject(PanelNotifications);
  private readonly ring = new RingTone();
  private readonly byId = signal<ReadonlyMap<string, CallDto>>(new Map());
  /** Counts `call.ringing`s: one that came while `calls.mine` was on its way is kept by its answer. */
  private rings = 0;
  private readonly rungAt = new Map<string, number>();
  /** Incoming calls ringing for this operator, oldest first, but not the one being answered here. */
  readonly ringing = computed(() => [...this.byId().values()].filter((c) => c.id !== this.session.call()?.id));
  private readonly invites = signal<ReadonlyMap<string, CallInvitation>>(new Map());
  /** D4: invitations ringing for this operator, but not the one being accepted here. */
  readonly invitations = computed(() => [...this.invites().values()].filter((i) => i.call.id !== this.session.call()?.id));

  constructor() {
    const destroyRef = inject(DestroyRef);
    // Browsers keep sound off until the page had a gesture: any press in the panel unlocks the ring.
    const unlock = () => this.ring.unlock();
    document.addEventListener('pointerdown', unlock, { capture: true });
    document.addEventListener('keydown', unlock, { capture: true });
    destroyRef.onDestroy(() => {
      document.removeEventListener('pointerdown', unlock, { capture: true });
      document.removeEventListener('keydown', unlock, { capture: true });
      this.ring.close();
    });
    effect(() => (this.ringing().length || this.invitations().length ? void this.ring.start() : this.ring.stop()));
  }

  start(): void {
    this.socket.onConnect(() => void this.catchUp());
    this.socket.on('call.ringing', (call) => this.rang(call));
    this.socket.on('call.updated', (call) => this.forget(call));
    this.socket.on('call.invited', (invitation) => this.invited(invitation));
    this.socket.on('call.invite.ended', ({ callId, userId }) => {
      if (userId === this.auth.user()?.id) this.dropInvite(callId);
    });
  }

  async acceptInvite(invitation: CallInvitation): Promise<void> {
    this.dropInvite(invitation.call.id);
    await this.session.acceptInvite(invitation.call);
  }

  async declineInvite(invitation: CallInvitation): Promise<void> {
    this.dropInvite(invitation.call.id);
    await this.socket.request('call.invite.decline', { callId: invitation.call.id }).catch(() => undefined);
  }

  private invited(invitation: CallInvitation): void {
    if (this.session.busy) return;
    this.invites.set(new Map(this.invites()).set(invitation.call.id, invitation));
    this.notifications.notify(
      CALLS_NOTIFY_KIND,
      this.i18n.instant('calls.invite.notifyTitle'),
      this.i18n.instant('calls.invite.from', { name: invitation.invitedBy ?? '', visitor: invitation.call.visitorName }),
      () => window.focus(),
    );
  }

  private dropInvite(callId: string): void {
    if (!this.invites().has(callId)) return;
    const next = new Map(this.invites());
    next.delete(callId);
    this.invites.set(next);
  }

  async accept(call: CallDto): Promise<void> {
    await this.session.accept(call);
  }

  async decline(call: CallDto): Promise<void> {
    this.drop(call.id);
    await this.socket.request('call.decline', { callId: call.id }).catch(() => undefined);
  }

  /** After a (re)connect: what rang while the panel did not listen, and a call of this operator's that goes on. */
  private async catchUp(): Promise<void> {
    const asked = this.rings;
    let calls: CallDto[];
    try {
      calls = await this.socket.request('calls.mine', {});
    } catch {
      return;
    }
    const next = new Map<string, CallDto>([...this.byId()].filter(([id]) => (this.rungAt.get(id) ?? 0) > asked));
    for (const call of calls) {
      if (this.isForMe(call)) next.set(call.id, call);
      else this.session.adopt(call);
    }
    this.byId.set(next);
  }

  private rang(call: CallDto): void {
    if (!this.isForMe(call) || this.byId().has(call.id)) return;
    this.rungAt.set(call.id, ++this.rings);
    this.byId.set(new Map(this.byId()).set(call.id, call));
    this.notifications.notify(CALLS_NOTIFY_KIND, this.i18n.instant('calls.ringing.notifyTitle'), this.i18n.instant('calls.ringing.notifyBody', { name: call.visitorName }), () =>
      window.focus(),
    );
  }

  /** Answered (here or by someone else) or over: its pop-up closes. */
  private forget(call: CallDto): void {
    if (call.state !== 'ringing') this.drop(call.id);
    if (call.state === 'ended') this.dropInvite(call.id);
  }

  private drop(callId: string): void {
    this.rungAt.delete(callId);
    if (!this.byId().has(callId)) return;
    const next = new Map(this.byId());
    next.delete(callId);
    this.byId.set(next);
  }

  /** A visitor's call that rings (an operator's own outgoing call is the session's). */
  private isForMe(call: CallDto): boolean {
    return call.direction === 'visitor-to-operator' && call.state === 'ringing' && (call.operatorId === null || call.operatorId === this.auth.user()?.id);
  }
}
