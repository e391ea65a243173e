import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { CallSession } from './call-session';
import { initialsOf } from './call-format';
import { MediaStreamDirective } from './media-stream.directive';

/**
 * The call's picture: the visitor's video (or their initials while their camera is off: the leg's
 * `media` says so, the track itself only goes quiet), and this operator's own preview in a corner.
 * The visitor's sound plays through the same element, at the chosen volume and speaker. D4: in a
 * three-way call everyone else (an invited operator, the one who answered, a guest) has a tile of
 * their own along the top, named, whose element plays their sound and picture.
 */
@Component({
  selector: 'cp-call-stage',
  imports: [TranslatePipe, MediaStreamDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './call-stage.component.css',
  host: { '[class.group]': 'session.others().length > 0' },
  template: `
    @let remote = session.visitor();
    <div class="remote" [class.has-video]="remoteVideo()" [class.under]="session.others().length > 0">
      <video data-testid="calls-remote-video" playsinline autoplay [cpMediaStream]="remote?.stream ?? null" [volume]="volume()" [sinkId]="sinkId()"></video>
      @if (!remoteVideo()) {
        <div class="avatar-wrap" data-testid="calls-remote-avatar">
          <span class="avatar" aria-hidden="true">{{ initials() }}</span>
          <span class="name">{{ name() }}</span>
        </div>
      }
      @if (remote?.leg?.media?.screen) { <span class="tag" data-testid="calls-remote-screen">{{ 'calls.window.screenShared' | translate }}</span> }
    </div>
    @if (session.others().length) {
      <ul class="others" data-testid="calls-participants">
        @for (other of session.others(); track other.leg.id) {
          <li class="tile" data-testid="calls-participant" [attr.data-leg-id]="other.leg.id" [attr.data-side]="other.leg.side" [class.has-video]="other.leg.media.video">
            <video playsinline autoplay [cpMediaStream]="other.stream" [volume]="volume()" [sinkId]="sinkId()"></video>
            @if (!other.leg.media.video) { <span class="avatar small" aria-hidden="true">{{ initialsOf(other.leg.name ?? '') }}</span> }
            <span class="tag" data-testid="calls-participant-name">{{ other.leg.name }}@if (other.leg.side === 'guest') { · {{ 'calls.invite.guestTag' | translate }}}</span>
          </li>
        }
      </ul>
    }
    @if (session.media.preview(); as preview) {
      <div class="own" data-testid="calls-own-preview">
        <video data-testid="calls-local-video" playsinline autoplay muted [cpMediaStream]="preview" [volume]="0"></video>
        <span class="tag">{{ (session.media.screenOn() ? 'calls.window.sharingScreen' : 'calls.window.you') | translate }}</span>
      </div>
    }
  `,
})
export class CallStage {
  protected readonly session = inject(CallSession);
  readonly volume = input(1);
  readonly sinkId = input<string | null>(null);
  protected readonly name = computed(() => this.session.call()?.visitorName ?? '');
  protected readonly initials = computed(() => initialsOf(this.name()));
  protected readonly remoteVideo = computed(() => !!this.session.visitor()?.leg.media.video);
  protected readonly initialsOf = initialsOf;
}
