import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { CallLine } from '../shared/calls.protocol';
import { clock } from './call-format';
import { CallIcon } from './call-icon';

const OUTCOMES: ReadonlySet<string> = new Set(['answered', 'declined', 'timeout', 'missed', 'cancelled']);

/** The payload is the server's, but a message is drawn from whatever is stored: checked field by field. */
export function asCallLine(payload: unknown): CallLine | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p['callId'] !== 'string' || typeof p['outcome'] !== 'string' || !OUTCOMES.has(p['outcome'])) return null;
  if (p['direction'] !== 'operator-to-visitor' && p['direction'] !== 'visitor-to-operator') return null;
  const duration = typeof p['durationSec'] === 'number' && Number.isFinite(p['durationSec']) ? p['durationSec'] : null;
  return {
    callId: p['callId'],
    direction: p['direction'],
    outcome: p['outcome'] as CallLine['outcome'],
    operatorName: typeof p['operatorName'] === 'string' ? p['operatorName'] : null,
    startedAt: typeof p['startedAt'] === 'string' ? p['startedAt'] : '',
    durationSec: duration,
    endedBy: p['endedBy'] === 'visitor' || p['endedBy'] === 'operator' ? p['endedBy'] : null,
    participants: Array.isArray(p['participants']) ? p['participants'].filter((n): n is string => typeof n === 'string') : [],
  };
}

/**
 * A call's line in the conversation (kind `calls.call`): which way, how it went — the talk's length
 * and who ended it, declined, no answer, missed, cancelled — the operator, and who else took part (D4). A payload it cannot
 * read falls back to the message's text.
 */
@Component({
  selector: 'cp-call-line',
  imports: [TranslatePipe, CallIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; }
    .line { display: inline-flex; align-items: center; gap: 0.625rem; }
    .ico { width: 2rem; height: 2rem; border-radius: 50%; display: grid; place-items: center; background: var(--success-100); color: var(--success-700); flex: none; }
    .line[data-outcome='missed'] .ico, .line[data-outcome='declined'] .ico, .line[data-outcome='timeout'] .ico { background: var(--danger-100); color: var(--danger-700); }
    .line[data-outcome='cancelled'] .ico { background: var(--gray-100); color: var(--gray-600); }
    strong { display: block; font-weight: 600; }
    small { display: block; color: var(--gray-500); font-size: 0.8125rem; }
    audio { display: block; margin-top: 0.375rem; max-width: 100%; }
  `,
  template: `
    @if (line(); as l) {
      <div class="line" data-testid="calls-line" [attr.data-outcome]="l.outcome" [attr.data-call-id]="l.callId">
        <span class="ico"><cp-call-icon [name]="l.outcome === 'answered' ? 'mic' : 'hangup'" /></span>
        <span>
          <strong>{{ (l.direction === 'operator-to-visitor' ? 'calls.line.outgoing' : 'calls.line.incoming') | translate }}</strong>
          <small data-testid="calls-line-outcome">
            @if (l.outcome === 'answered') {
              {{ 'calls.line.answered' | translate: { duration: duration() } }}@if (l.endedBy) {, {{ 'calls.line.endedBy.' + l.endedBy | translate }}}
            } @else {
              {{ 'calls.line.' + l.outcome | translate }}
            }
          </small>
          @if (l.operatorName) { <small>{{ 'calls.line.operator' | translate: { name: l.operatorName } }}</small> }
          @if (l.participants?.length) { <small data-testid="calls-line-participants">{{ 'calls.line.participants' | translate: { names: l.participants!.join(', ') } }}</small> }
        </span>
      </div>
    } @else {
      <span>{{ text() }}</span>
    }
  `,
})
export class CallLineMessage {
  readonly payload = input<unknown>();
  readonly text = input('');
  protected readonly line = computed(() => asCallLine(this.payload()));
  protected readonly duration = computed(() => clock(this.line()?.durationSec ?? 0));
}
