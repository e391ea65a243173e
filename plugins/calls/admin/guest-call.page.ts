import { NgComponentOutlet } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, EnvironmentInjector, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, type LocalizedText, SOCKET_FACTORY } from '../../../admin-ui/src/app/plugin-api';
import { CallSession } from './call-session';
import { CallWindow } from './call-window.component';
import { registerCallsStrings } from './calls-i18n';
import { grantCallInjector, redeemLink } from './grant-call';

/**
 * D4: the page a participant link opens (`/call-guest/<token>`, a link page: no sign-in, no
 * shell) for someone without an account — a colleague, an interpreter. They say their name (every
 * participant sees it) and join: the single-use link is redeemed with it
 * (`POST /api/calls/public/guest/<token>`), and with the grant it gives the page opens `/calls` and
 * joins that call as a guest leg in the call window — microphone, camera, hang-up; no hand-over,
 * invitation or screen request.
 */
@Component({
  selector: 'cp-guest-call-page',
  imports: [TranslatePipe, NgComponentOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: grid; place-items: center; min-height: 100dvh; padding: 1.5rem; background: var(--gray-900); }
    .card { width: min(24rem, 100%); padding: 1.5rem; border-radius: var(--radius-lg); background: var(--surface); color: var(--gray-900); box-shadow: var(--shadow-lg); display: flex; flex-direction: column; gap: 0.875rem; }
    h1 { font-size: 1.25rem; margin: 0; }
    p { margin: 0; color: var(--gray-600); }
    label { display: flex; flex-direction: column; gap: 0.375rem; font-weight: 600; font-size: 0.875rem; }
    input { padding: 0.5rem 0.75rem; border: 1px solid var(--gray-300); border-radius: var(--radius-sm); font: inherit; font-weight: 400; }
    input:focus-visible { outline: none; box-shadow: var(--focus-ring); border-color: var(--primary-500); }
    .hint { font-size: 0.8125rem; color: var(--gray-500); }
    .error { color: var(--danger-700); }
  `,
  template: `
    <form class="card" (submit)="$event.preventDefault(); join()">
      <h1>{{ 'calls.guest.title' | translate }}</h1>
      @if (refusal(); as words) {
        <p class="error" role="alert" data-testid="calls-guest-error">{{ words[lang()] }}</p>
      } @else if (callInjector()) {
        <p data-testid="calls-guest-state">{{ (phase() === 'ended' || phase() === 'idle' ? 'calls.guest.over' : 'calls.guest.inCall') | translate }}</p>
      } @else {
        <p>{{ 'calls.guest.text' | translate }}</p>
        <label>
          {{ 'calls.guest.name' | translate }}
          <input name="name" autocomplete="name" maxlength="80" required data-testid="calls-guest-name" [value]="name()" (input)="name.set($any($event.target).value)" />
        </label>
        <button type="submit" class="btn btn-primary" data-testid="calls-guest-join" [disabled]="!name().trim() || joining()">{{ 'calls.guest.join' | translate }}</button>
        <p class="hint">{{ 'calls.guest.hint' | translate }}</p>
      }
    </form>
    @if (callInjector(); as injector) {
      <ng-container *ngComponentOutlet="window; injector: injector" />
    }
  `,
})
export class GuestCallPage {
  readonly token = input.required<string>();
  private readonly http = inject(HttpClient);
  private readonly parent = inject(EnvironmentInjector);
  private readonly createSocket = inject(SOCKET_FACTORY);
  protected readonly lang = inject(I18nService).current;
  protected readonly window = CallWindow;
  protected readonly name = signal('');
  protected readonly joining = signal(false);
  protected readonly refusal = signal<LocalizedText | null>(null);
  protected readonly callInjector = signal<EnvironmentInjector | null>(null);
  protected readonly phase = computed(() => this.callInjector()?.get(CallSession).phase() ?? 'joining');

  constructor() {
    registerCallsStrings();
    inject(DestroyRef).onDestroy(() => this.callInjector()?.destroy());
  }

  protected async join(): Promise<void> {
    const name = this.name().trim();
    if (!name || this.joining()) return;
    this.joining.set(true);
    const redeemed = await redeemLink(this.http, `/api/calls/public/guest/${encodeURIComponent(this.token())}`, { name }, 'guest_link_invalid');
    if ('refusal' in redeemed) return this.refusal.set(redeemed.refusal);
    const injector = grantCallInjector(this.parent, this.createSocket, redeemed.pass.token, 'calls:guest');
    this.callInjector.set(injector);
    await injector.get(CallSession).joinAsGuest(redeemed.pass.call);
  }
}
