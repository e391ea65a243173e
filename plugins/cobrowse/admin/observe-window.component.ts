import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, ViewEncapsulation, computed, effect, inject, signal, viewChild } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { I18nService, Icon, type LocalizedText, coreCodeKey } from '../../../admin-ui/src/app/plugin-api';
import { COBROWSE_ERROR_CODES } from '../shared/cobrowse-error-codes';
import { ObserveSession } from './observe-session';
import { Replay } from './replay';

/**
 * The observation view (E1, E3): over the whole panel while this panel observes, the visitor's
 * page replayed live (replay.ts) and the control bar at the top left, as in the guide — the
 * state, the mouse switch («Движения мыши»), «Завершить». Stage 2 puts the chat's floating window
 * (E2), remote control (E4) and the highlight (E5) on this same view and bar.
 */
@Component({
  selector: 'cp-observe-window',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // rrweb builds the replay's DOM itself: its classes cannot carry Angular's scoping attributes.
  encapsulation: ViewEncapsulation.None,
  styleUrls: ['../../../node_modules/@rrweb/replay/dist/style.css', './observe-window.component.css'],
  template: `
    @if (session.phase() !== 'idle') {
      @let phase = session.phase();
      <section class="cp-observe" role="dialog" data-testid="cobrowse-view" [attr.data-phase]="phase" [attr.aria-label]="'cobrowse.view.label' | translate">
        <div #stage class="cp-observe-stage" data-testid="cobrowse-stage" [class.cp-observe-nomouse]="!mouse()"></div>
        @if (phase !== 'live') {
          <div class="cp-observe-note" data-testid="cobrowse-note" [attr.data-phase]="phase">
            @if (phase === 'ended') {
              <p role="alert">{{ endedText() }}</p>
              <button type="button" class="btn btn-secondary" data-testid="cobrowse-close" (click)="session.dismiss()">{{ 'cobrowse.view.close' | translate }}</button>
            } @else {
              <span class="cp-observe-pulse" aria-hidden="true"></span>
              <p>{{ (phase === 'asking' ? 'cobrowse.view.asking' : 'cobrowse.view.starting') | translate }}</p>
            }
          </div>
        }
        <div class="cp-observe-bar" data-testid="cobrowse-bar">
          <span class="cp-observe-title"><cp-icon name="eye" /> {{ 'cobrowse.view.title' | translate }}</span>
          <span class="cp-observe-state" data-testid="cobrowse-state" [attr.data-state]="phase">
            @if (phase === 'live') { <span class="cp-observe-dot" aria-hidden="true"></span> }
            {{ 'cobrowse.state.' + phase | translate }}
          </span>
          <button type="button" class="cp-observe-btn" data-testid="cobrowse-mouse" [attr.aria-pressed]="mouse()" [title]="'cobrowse.view.mouseHint' | translate" (click)="mouse.set(!mouse())">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 3l14 8-6 1.5L10 19z" /></svg> {{ 'cobrowse.view.mouse' | translate }}
          </button>
          @if (phase !== 'ended') {
            <button type="button" class="cp-observe-btn cp-observe-stop" data-testid="cobrowse-stop" (click)="session.stop()">{{ 'cobrowse.view.stop' | translate }}</button>
          }
        </div>
      </section>
    }
  `,
})
export class ObserveWindow {
  protected readonly session = inject(ObserveSession);
  private readonly lang = inject(I18nService).current;
  private readonly stage = viewChild<ElementRef<HTMLElement>>('stage');
  /** E3: the cursor, its trail and clicks. */
  protected readonly mouse = signal(true);
  private replay: Replay | null = null;

  private readonly words = inject(TranslateService);
  private readonly translate = (key: string) => this.words.instant(key) as string;
  protected readonly endedText = computed(() => {
    const lang = this.lang();
    const error = this.session.error();
    if (error) {
      const own = (COBROWSE_ERROR_CODES as Record<string, LocalizedText>)[error];
      return own ? own[lang] : this.translate(coreCodeKey(error) ?? 'cobrowse.errors.generic');
    }
    return this.translate(`cobrowse.ended.${this.session.endReason() ?? 'stopped_by_operator'}`);
  });

  constructor() {
    // The replay lives while the view shows a live session on its stage; the frames it has missed come first.
    effect(() => {
      const stage = this.stage()?.nativeElement;
      const live = this.session.phase() === 'live';
      if (stage && live && !this.replay) this.replay = new Replay(stage, this.session, this.mouse());
      if ((!stage || !live) && this.replay && this.session.phase() !== 'ended') this.closeReplay();
    });
    effect(() => this.replay?.showMouse(this.mouse()));
    // The replayer is fetched while the visitor is asked, so a yes shows the page at once.
    effect(() => void (this.session.phase() === 'asking' && import('@rrweb/replay')));
    inject(DestroyRef).onDestroy(() => this.closeReplay());
  }

  private closeReplay(): void {
    this.replay?.close();
    this.replay = null;
  }
}
