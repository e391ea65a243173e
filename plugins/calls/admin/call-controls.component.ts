import { ChangeDetectionStrategy, Component, computed, inject, model, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { CallIcon } from './call-icon';
import { CallSession } from './call-session';
import { InvitePanel } from './invite-panel.component';
import type { DeviceKind } from './local-media';

/**
 * The call's buttons (D4, D5, E6): microphone and camera on/off, speaker volume, the devices
 * (microphone, camera, speaker — switched without dropping the call), showing the own screen,
 * asking the visitor to show theirs, recording (D4), the move to a phone, inviting another operator
 * or a guest (D4; a guest's window has no hand-over, invitation or screen request), and hanging up.
 */
@Component({
  selector: 'cp-call-controls',
  imports: [TranslatePipe, CallIcon, InvitePanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './call-controls.component.css',
  template: `
    @let media = session.media;
    <div class="bar" role="toolbar" [attr.aria-label]="'calls.title' | translate">
      <button type="button" class="ctl" data-testid="calls-mic" [class.off]="!media.micOn()" [attr.aria-pressed]="!media.micOn()"
        [title]="(media.micOn() ? 'calls.controls.micOff' : 'calls.controls.micOn') | translate" [attr.aria-label]="(media.micOn() ? 'calls.controls.micOff' : 'calls.controls.micOn') | translate"
        (click)="session.toggleMic()">
        <cp-call-icon [name]="media.micOn() ? 'mic' : 'mic-off'" />
      </button>
      <button type="button" class="ctl" data-testid="calls-camera" [class.on]="media.cameraOn()" [attr.aria-pressed]="media.cameraOn()"
        [title]="(media.cameraOn() ? 'calls.controls.cameraOff' : 'calls.controls.cameraOn') | translate" [attr.aria-label]="(media.cameraOn() ? 'calls.controls.cameraOff' : 'calls.controls.cameraOn') | translate"
        (click)="session.toggleCamera()">
        <cp-call-icon [name]="media.cameraOn() ? 'video' : 'video-off'" />
      </button>
      <button type="button" class="ctl" data-testid="calls-screen" [class.on]="media.screenOn()" [attr.aria-pressed]="media.screenOn()"
        [title]="(media.screenOn() ? 'calls.controls.screenOff' : 'calls.controls.screenOn') | translate" [attr.aria-label]="(media.screenOn() ? 'calls.controls.screenOff' : 'calls.controls.screenOn') | translate"
        (click)="session.toggleScreen()">
        <cp-call-icon name="screen" />
      </button>
      @if (!session.guest()) {
      <button type="button" class="ctl" data-testid="calls-ask-screen" [class.on]="session.screenAsk() === 'asked'" [attr.data-answer]="session.screenAsk()"
        [title]="askTitle() | translate" [attr.aria-label]="'calls.controls.askScreen' | translate"
        (click)="session.askScreen()">
        <cp-call-icon name="hand" />
      </button>
      }
      <button type="button" class="ctl" data-testid="calls-devices" [class.on]="panel() === 'devices'" [attr.aria-expanded]="panel() === 'devices'"
        [title]="'calls.controls.devices' | translate" [attr.aria-label]="'calls.controls.devices' | translate" (click)="toggle('devices')">
        <cp-call-icon name="sliders" />
      </button>
      <!-- Through Jitsi Meet neither our recording nor the phone hand-over is offered (not wired / not proven there): said on the buttons. -->
      @let jitsi = session.call()?.backend === 'jitsi';
      @if (session.canRecord()) {
        @let rec = session.recording.state();
        <button type="button" class="ctl rec" data-testid="calls-record" [class.recording]="rec === 'on'" [attr.aria-pressed]="rec === 'on'" [attr.data-state]="rec"
          [disabled]="rec === 'starting' || rec === 'stopping'" [attr.aria-disabled]="jitsi || null"
          [title]="(jitsi ? 'calls.controls.recordJitsi' : rec === 'on' ? 'calls.controls.stopRecording' : 'calls.controls.record') | translate" [attr.aria-label]="(rec === 'on' ? 'calls.controls.stopRecording' : 'calls.controls.record') | translate"
          (click)="jitsi || session.toggleRecording()">
          <cp-call-icon [name]="rec === 'on' ? 'stop' : 'rec'" />
        </button>
      }
      @if (!session.guest()) {
        <button type="button" class="ctl" data-testid="calls-handover" [class.on]="!!session.handover()" [attr.aria-disabled]="jitsi || null"
          [title]="(jitsi ? 'calls.controls.handoverJitsi' : 'calls.controls.handover') | translate" [attr.aria-label]="'calls.controls.handover' | translate" (click)="jitsi || handOver()">
          <cp-call-icon name="qr" />
        </button>
        <button type="button" class="ctl" data-testid="calls-invite" [class.on]="panel() === 'invite'" [attr.aria-expanded]="panel() === 'invite'"
          [title]="'calls.invite.button' | translate" [attr.aria-label]="'calls.invite.button' | translate" (click)="toggle('invite')">
          <cp-call-icon name="user-plus" />
        </button>
      }
      <button type="button" class="ctl hangup" data-testid="calls-hangup" [title]="'calls.controls.hangup' | translate" [attr.aria-label]="'calls.controls.hangup' | translate"
        (click)="session.hangup()">
        <cp-call-icon name="hangup" />
      </button>
    </div>
    <label class="volume">
      <cp-call-icon name="volume" />
      <span class="sr-only">{{ 'calls.controls.volume' | translate }}</span>
      <input type="range" min="0" max="1" step="0.05" data-testid="calls-volume" [value]="volume()" [attr.aria-label]="'calls.controls.volume' | translate"
        (input)="volume.set(+$any($event.target).value)" />
    </label>
    @if (panel() === 'invite') { <cp-call-invite /> }
    @if (panel() === 'devices') {
      <div class="devices" data-testid="calls-device-panel">
        @for (kind of kinds; track kind.kind) {
          <label>
            <span>{{ kind.label | translate }}</span>
            <select [attr.data-testid]="'calls-device-' + kind.kind" [value]="selected(kind.kind) ?? ''" (change)="choose(kind.kind, $any($event.target).value)">
              @if (kind.kind === 'audiooutput') { <option value="">{{ 'calls.controls.defaultDevice' | translate }}</option> }
              @for (device of devicesOf(kind.kind); track device.id; let i = $index) {
                <option [value]="device.id">{{ device.label || ((kind.label | translate) + ' ' + (i + 1)) }}</option>
              }
            </select>
          </label>
        }
      </div>
    }
  `,
})
export class CallControls {
  protected readonly session = inject(CallSession);
  /** The speaker: shared with the stage, which plays the visitor's sound. */
  readonly volume = model(1);
  readonly sinkId = model<string | null>(null);
  protected readonly panel = signal<'devices' | 'invite' | null>(null);
  protected readonly askTitle = computed(() => {
    const answer = this.session.screenAsk();
    return answer === 'asked' ? 'calls.controls.askedScreen' : answer === 'refused' ? 'calls.controls.screenRefused' : 'calls.controls.askScreen';
  });
  protected readonly kinds = [
    { kind: 'audioinput', label: 'calls.controls.microphone' },
    { kind: 'videoinput', label: 'calls.controls.camera' },
    { kind: 'audiooutput', label: 'calls.controls.speaker' },
  ] as const;
  private readonly devices = computed(() => this.session.media.devices());

  protected devicesOf(kind: DeviceKind) {
    return this.devices().filter((d) => d.kind === kind);
  }

  protected selected(kind: DeviceKind): string | null {
    if (kind === 'audioinput') return this.session.media.micId();
    if (kind === 'videoinput') return this.session.media.cameraId();
    return this.sinkId();
  }

  protected toggle(panel: 'devices' | 'invite'): void {
    this.panel.update((p) => (p === panel ? null : panel));
    if (this.panel() === 'devices') void this.session.media.listDevices();
  }

  protected choose(kind: DeviceKind, id: string): void {
    if (kind === 'audiooutput') this.sinkId.set(id);
    else void this.session.useDevice(kind, id);
  }

  protected handOver(): void {
    if (this.session.handover()) this.session.handover.set(null);
    else void this.session.handOver();
  }
}
