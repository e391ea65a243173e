import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, effect, inject, input } from '@angular/core';
import { AuthService, I18nService } from '../../../admin-ui/src/app/plugin-api';
import { JitsiCall } from '../browser/jitsi-call';
import { CallSession, type JitsiMedia } from './call-session';

/**
 * The call's picture when it goes through Jitsi Meet (docs/calls.md «Media back-ends»): Jitsi's
 * own frame for the call's room, in place of the WebRTC stage. It enters the room when shown and
 * leaves it (the frame disposed) when the call ends here; the window keeps it while minimised.
 */
@Component({
  selector: 'cp-jitsi-stage',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'calls-jitsi-stage' },
  styles: `
    :host { position: relative; display: block; flex: 1 1 auto; min-height: 12rem; background: var(--gray-900); overflow: hidden; }
    :host ::ng-deep iframe { position: absolute; inset: 0; display: block; }
  `,
  template: ``,
})
export class JitsiStage {
  private readonly session = inject(CallSession);
  private readonly auth = inject(AuthService);
  private readonly lang = inject(I18nService).current;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  readonly media = input.required<JitsiMedia>();
  readonly volume = input(1);
  readonly sinkId = input<string | null>(null);
  private call: JitsiCall | null = null;
  private gone = false;

  constructor() {
    afterNextRender(() => void this.open());
    inject(DestroyRef).onDestroy(() => {
      this.gone = true;
      this.session.jitsiLeft(this.call);
      this.call = null;
    });
    effect(() => this.call?.setVolume(this.volume()));
    effect(() => {
      const id = this.sinkId();
      if (this.call && id !== null) this.session.useDevice('audiooutput', id);
    });
  }

  private async open(): Promise<void> {
    const { room, audio, video } = this.media();
    const user = this.auth.user();
    try {
      const call = await JitsiCall.open({
        room,
        parentNode: this.host,
        displayName: [user?.firstName, user?.lastName].filter(Boolean).join(' ') || user?.email || '',
        audio,
        video,
        lang: this.lang(),
        onState: (state) => this.session.jitsiChanged(state),
        onClosed: () => this.session.hangup(),
      });
      // The call ended while the script loaded: out at once.
      if (this.gone) return call.leave();
      this.call = call;
      this.session.jitsiJoined(call);
      call.setVolume(this.volume());
    } catch (err) {
      if (!this.gone) this.session.error.set(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
