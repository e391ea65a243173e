import { NgComponentOutlet } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, EnvironmentInjector, type OnInit, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, type LocalizedText, SOCKET_FACTORY } from '../../../admin-ui/src/app/plugin-api';
import { CallSession } from './call-session';
import { CallWindow } from './call-window.component';
import { registerCallsStrings } from './calls-i18n';
import { grantCallInjector, redeemLink } from './grant-call';

/**
 * D3: the page a hand-over QR code opens on the operator's phone (`/call/<token>`, a link page:
 * no sign-in, no shell). It redeems the single-use link once (`POST /api/calls/public/handover/<token>`),
 * then — in an injector of its own, as the socket must authenticate with the grant it got — opens
 * `/calls` with that grant and joins the call as the operator's new leg in the call window
 * (full-screen on a phone); the desktop leaves once the visitor is heard here. The desktop's
 * «Вернуть» takes the call back the same way.
 */
@Component({
  selector: 'cp-phone-call-page',
  imports: [TranslatePipe, NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: grid; place-items: center; min-height: 100dvh; padding: 1.5rem; background: var(--gray-900); color: #fff; text-align: center; }
    h1 { font-size: 1.25rem; margin-bottom: 0.5rem; }
    p { margin: 0 auto; color: var(--gray-300); max-width: 24rem; }
  `,
  template: `
    <div>
      <h1>{{ 'calls.phone.title' | translate }}</h1>
      @if (refusal(); as words) {
        <p role="alert" data-testid="calls-phone-error">{{ words[lang()] }}</p>
      } @else if (phase() === 'elsewhere') {
        <p data-testid="calls-phone-left">{{ 'calls.phone.left' | translate }}</p>
      } @else {
        <p>{{ 'calls.phone.joining' | translate }}</p>
      }
    </div>
    @if (callInjector(); as injector) {
      <ng-container *ngComponentOutlet="window; injector: injector" />
    }
  `,
})
export class PhoneCallPage implements OnInit {
  readonly token = input.required<string>();
  private readonly http = inject(HttpClient);
  private readonly parent = inject(EnvironmentInjector);
  private readonly createSocket = inject(SOCKET_FACTORY);
  protected readonly lang = inject(I18nService).current;
  protected readonly window = CallWindow;
  protected readonly refusal = signal<LocalizedText | null>(null);
  protected readonly callInjector = signal<EnvironmentInjector | null>(null);
  protected readonly phase = computed(() => this.callInjector()?.get(CallSession).phase() ?? 'joining');

  constructor() {
    registerCallsStrings();
    inject(DestroyRef).onDestroy(() => this.callInjector()?.destroy());
  }

  async ngOnInit(): Promise<void> {
    const redeemed = await redeemLink(this.http, `/api/calls/public/handover/${encodeURIComponent(this.token())}`, {}, 'handover_invalid');
    if ('refusal' in redeemed) return this.refusal.set(redeemed.refusal);
    const injector = grantCallInjector(this.parent, this.createSocket, redeemed.pass.token, 'calls:phone');
    this.callInjector.set(injector);
    await injector.get(CallSession).joinByLink(redeemed.pass.call);
  }
}
