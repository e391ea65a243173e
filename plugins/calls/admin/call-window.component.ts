import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../../admin-ui/src/app/plugin-api';
import { CallChat } from './call-chat.component';
import { CallControls } from './call-controls.component';
import { callErrorText } from './call-errors';
import { clock } from './call-format';
import { CallIcon } from './call-icon';
import { CallSession } from './call-session';
import { CallStage } from './call-stage.component';
import { HandoverPanel } from './handover-panel.component';
import { JitsiStage } from './jitsi-stage.component';

/** Narrower than this the window fills the screen (a phone), with no dragging. */
const PHONE_QUERY = '(max-width: 600px)';

/**
 * The call window (D4): over every page of the panel (a FLOATING_WINDOWS entry) while this panel
 * has a call; dragged by its title bar, resized from its corner, minimised to the bar. On a phone
 * it fills the screen. While the call is recorded (the server's word, whoever records) its title
 * bar says so. Its body follows the session's phase: how to call, calling, the call itself
 * (stage and controls), on another device («Вернуть»), ended.
 */
@Component({
  selector: 'cp-call-window',
  imports: [TranslatePipe, CallIcon, CallStage, CallControls, HandoverPanel, JitsiStage, CallChat],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './call-window.component.css',
  host: { '(window:resize)': 'keepInside()' },
  template: `
    @if (session.phase() !== 'idle') {
      @let phase = session.phase();
      <section #frame class="window" role="dialog" data-testid="calls-window" [attr.data-phase]="phase" [class.minimised]="minimised()"
        [style.left.px]="position()?.x" [style.top.px]="position()?.y" [attr.aria-label]="'calls.window.label' | translate: { name: name() }">
        <header class="title" (pointerdown)="dragStart($event)" [title]="'calls.window.drag' | translate">
          <div class="heading">
            <h2>{{ name() }}</h2>
            <p>
              @if (phase === 'active') {
                <span class="dot" [attr.data-state]="session.connection()"></span>
                <span data-testid="calls-window-state" [attr.data-state]="session.connection()">{{ 'calls.state.' + session.connection() | translate }}</span>
                @if (elapsed() !== null) { · <time data-testid="calls-timer" [attr.aria-label]="'calls.window.timer' | translate">{{ elapsed() }}</time> }
              } @else {
                <span data-testid="calls-window-state">{{ phaseText() | translate }}</span>
              }
            </p>
          </div>
          @if (session.call()?.recording && phase !== 'ended') {
            <span class="rec" role="status" data-testid="calls-recording" [title]="'calls.window.recordingHint' | translate"><span class="rec-dot" aria-hidden="true"></span>{{ 'calls.window.recording' | translate }}</span>
          }
          <button type="button" class="head-btn" data-testid="calls-minimise" (pointerdown)="$event.stopPropagation()" (click)="minimised.set(!minimised())"
            [title]="(minimised() ? 'calls.window.restore' : 'calls.window.minimise') | translate" [attr.aria-label]="(minimised() ? 'calls.window.restore' : 'calls.window.minimise') | translate">
            <cp-call-icon [name]="minimised() ? 'expand' : 'minimise'" />
          </button>
        </header>
        <!-- A Jitsi call's frame is its room: minimised, it is only folded away (taken out, it would leave the room). -->
        @if (!minimised() || session.jitsi()) {
          <div class="body" [class.folded]="minimised()">
            @switch (phase) {
              @case ('choose') {
                <div class="panel">
                  <h3>{{ 'calls.choose.title' | translate }}</h3>
                  <p>{{ 'calls.choose.text' | translate }}</p>
                  <label class="check"><input type="checkbox" data-testid="calls-choose-video" [checked]="video()" (change)="video.set($any($event.target).checked)" /> {{ 'calls.choose.video' | translate }}</label>
                  <div class="row">
                    <button type="button" class="btn btn-ghost" data-testid="calls-close" (click)="session.dismiss()">{{ 'calls.window.close' | translate }}</button>
                    <button type="button" class="btn btn-primary" data-testid="calls-call-here" (click)="session.callFromHere(video())">{{ 'calls.choose.here' | translate }}</button>
                  </div>
                  <p class="hint">{{ 'calls.choose.phoneHint' | translate }}</p>
                </div>
              }
              @case ('active') {
                @if (session.jitsi(); as jitsi) {
                  <cp-jitsi-stage [media]="jitsi" [volume]="volume()" [sinkId]="sinkId()" />
                } @else {
                  <cp-call-stage [volume]="volume()" [sinkId]="sinkId()" />
                }
                @if (session.handover()) { <cp-call-handover /> }
                <cp-call-controls [(volume)]="volume" [(sinkId)]="sinkId" />
                <cp-call-chat />
              }
              @case ('elsewhere') {
                <div class="panel">
                  <p>{{ 'calls.window.elsewhere' | translate }}</p>
                  <div class="row">
                    <button type="button" class="btn btn-danger" data-testid="calls-hangup" (click)="session.hangup()">{{ 'calls.controls.hangup' | translate }}</button>
                    <button type="button" class="btn btn-primary" data-testid="calls-back" (click)="session.joinHere()">{{ 'calls.window.back' | translate }}</button>
                  </div>
                </div>
              }
              @case ('ended') {
                <div class="panel">
                  <p data-testid="calls-ended">{{ endedText() | translate }}</p>
                  <div class="row"><button type="button" class="btn btn-secondary" data-testid="calls-close" (click)="session.dismiss()">{{ 'calls.window.close' | translate }}</button></div>
                </div>
              }
              @default {
                <div class="panel waiting">
                  <span class="pulse" aria-hidden="true"></span>
                  <p>{{ phaseText() | translate }}</p>
                  <div class="row"><button type="button" class="btn btn-danger" data-testid="calls-hangup" (click)="session.hangup()">{{ 'calls.controls.hangup' | translate }}</button></div>
                </div>
              }
            }
            @if (session.error(); as error) {
              @let text = errorText(error);
              <p class="error" role="alert" data-testid="calls-error">{{ text.words ? text.words[lang()] : (text.key | translate) }}</p>
            }
          </div>
        }
      </section>
    }
  `,
})
export class CallWindow {
  protected readonly session = inject(CallSession);
  private readonly frame = viewChild<ElementRef<HTMLElement>>('frame');
  protected readonly minimised = signal(false);
  protected readonly video = signal(false);
  protected readonly volume = signal(1);
  protected readonly sinkId = signal<string | null>(null);
  /** Where the operator dragged it; null: its corner by default. */
  protected readonly position = signal<{ x: number; y: number } | null>(null);
  private readonly now = signal(Date.now());
  protected readonly name = computed(() => this.session.call()?.visitorName ?? '');
  protected readonly elapsed = computed(() => {
    const answered = this.session.call()?.answeredAt;
    if (!answered) return null;
    // The server's clock and this one may differ: the earlier of its answer and this panel's own join.
    const since = Math.min(Date.parse(answered) || Infinity, this.session.activeSince() ?? Infinity);
    return clock((this.now() - since) / 1000);
  });
  protected readonly phaseText = computed(() => `calls.window.${this.session.phase() === 'choose' ? 'joining' : this.session.phase()}`);
  protected readonly endedText = computed(() => `calls.ended.${this.session.call()?.endReason ?? 'hangup'}`);
  protected readonly errorText = callErrorText;
  protected readonly lang = inject(I18nService).current;

  constructor() {
    const ticker = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(ticker));
    // A new call opens where the operator left the window, unminimised.
    effect(() => {
      if (this.session.phase() === 'choose' || this.session.phase() === 'joining') this.minimised.set(false);
    });
  }

  protected dragStart(event: PointerEvent): void {
    const frame = this.frame()?.nativeElement;
    if (!frame || event.button !== 0 || window.matchMedia(PHONE_QUERY).matches) return;
    const box = frame.getBoundingClientRect();
    const dx = event.clientX - box.left;
    const dy = event.clientY - box.top;
    const header = event.currentTarget as HTMLElement;
    header.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => this.place(e.clientX - dx, e.clientY - dy);
    const up = () => {
      header.removeEventListener('pointermove', move);
      header.removeEventListener('pointerup', up);
      header.removeEventListener('pointercancel', up);
    };
    header.addEventListener('pointermove', move);
    header.addEventListener('pointerup', up);
    header.addEventListener('pointercancel', up);
  }

  /** The title bar stays on screen, so the window can always be dragged back. */
  protected keepInside(): void {
    const at = this.position();
    if (at) this.place(at.x, at.y);
  }

  private place(x: number, y: number): void {
    const frame = this.frame()?.nativeElement;
    const width = frame?.offsetWidth ?? 320;
    this.position.set({ x: Math.min(Math.max(0, x), Math.max(0, window.innerWidth - width)), y: Math.min(Math.max(0, y), Math.max(0, window.innerHeight - 48)) });
  }
}
