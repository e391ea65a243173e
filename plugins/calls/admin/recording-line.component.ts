import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { recordingPath, type RecordingLine } from '../shared/calls.protocol';
import { clock } from './call-format';
import { CallIcon } from './call-icon';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The payload is the server's, but a message is drawn from whatever is stored: checked field by field. */
export function asRecordingLine(payload: unknown): RecordingLine | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p['recordingId'] !== 'string' || !UUID.test(p['recordingId']) || typeof p['callId'] !== 'string') return null;
  return {
    recordingId: p['recordingId'],
    callId: p['callId'],
    mime: p['mime'] === 'video/webm' ? 'video/webm' : 'audio/webm',
    startedAt: typeof p['startedAt'] === 'string' ? p['startedAt'] : '',
    durationSec: typeof p['durationSec'] === 'number' && Number.isFinite(p['durationSec']) ? p['durationSec'] : 0,
    operatorName: typeof p['operatorName'] === 'string' ? p['operatorName'] : null,
  };
}

/**
 * A call's recording in the conversation and the archive (kind `calls.recording`, D4). The
 * download needs the operator's sign-in, which an `<audio src>` cannot send: «Прослушать запись»
 * fetches it (the panel's HTTP client adds the token) and plays it from a blob URL, so a dialog
 * with many recordings downloads none until asked.
 */
@Component({
  selector: 'cp-call-recording',
  imports: [TranslatePipe, CallIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; }
    .line { display: inline-flex; align-items: flex-start; gap: 0.625rem; max-width: 100%; }
    .ico { width: 2rem; height: 2rem; border-radius: 50%; display: grid; place-items: center; background: var(--danger-100); color: var(--danger-700); flex: none; }
    .body { min-width: 0; }
    strong { display: block; font-weight: 600; }
    small { display: block; color: var(--gray-500); font-size: 0.8125rem; }
    .play { margin-top: 0.375rem; display: inline-flex; align-items: center; gap: 0.375rem; }
    audio { display: block; margin-top: 0.375rem; width: 18rem; max-width: 100%; }
    .failed { color: var(--danger-700); }
  `,
  template: `
    @if (line(); as l) {
      <div class="line" data-testid="calls-recording-line" [attr.data-recording-id]="l.recordingId">
        <span class="ico"><cp-call-icon name="rec" /></span>
        <span class="body">
          <strong>{{ 'calls.recording.title' | translate }} · {{ duration() }}</strong>
          @if (l.operatorName) { <small>{{ 'calls.recording.by' | translate: { name: l.operatorName } }}</small> }
          @if (src(); as url) {
            <audio controls autoplay data-testid="calls-recording-audio" [src]="url" [attr.aria-label]="'calls.recording.title' | translate"></audio>
          } @else {
            <button type="button" class="btn btn-secondary btn-sm play" data-testid="calls-recording-play" [disabled]="loading()" (click)="load(l)">
              <cp-call-icon name="play" />{{ (loading() ? 'calls.recording.loading' : 'calls.recording.play') | translate }}
            </button>
          }
          @if (failed()) { <small class="failed" role="alert">{{ 'calls.recording.failed' | translate }}</small> }
        </span>
      </div>
    } @else {
      <span>{{ text() }}</span>
    }
  `,
})
export class RecordingLineMessage {
  readonly payload = input<unknown>();
  readonly text = input('');
  private readonly http = inject(HttpClient);
  protected readonly line = computed(() => asRecordingLine(this.payload()));
  protected readonly duration = computed(() => clock(this.line()?.durationSec ?? 0));
  protected readonly src = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      const url = this.src();
      if (url) URL.revokeObjectURL(url);
    });
  }

  protected async load(line: RecordingLine): Promise<void> {
    this.loading.set(true);
    this.failed.set(false);
    try {
      const blob = await firstValueFrom(this.http.get(recordingPath(line.recordingId), { responseType: 'blob' }));
      this.src.set(URL.createObjectURL(blob));
    } catch {
      this.failed.set(true);
    } finally {
      this.loading.set(false);
    }
  }
}
