import { ChangeDetectionStrategy, Component, type ElementRef, DestroyRef, inject, input, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ClipboardService } from './clipboard.service';
import { Icon } from './icon';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A read-only code box with a Copy button and visible feedback ("Copied" for two seconds).
 * The code is the textarea's text content, so it is both its value and its textContent.
 */
@Component({
  selector: 'cp-code-box',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './code-box.css',
  template: `
    <div class="code-box" [class.copied]="state() === 'copied'">
      <textarea
        #area
        readonly
        spellcheck="false"
        [id]="boxId()"
        [attr.aria-label]="label()"
        [attr.data-testid]="testId()"
        [rows]="rows()"
        (focus)="area.select()"
      >{{ code() }}</textarea>
      <div class="bar">
        <span class="status" aria-live="polite">
          @switch (state()) {
            @case ('copied') { <span class="sr-only">{{ 'copy.copied' | translate }}</span> }
            @case ('failed') { <span class="fail" data-testid="copy-failed">{{ 'copy.failed' | translate }}</span> }
          }
        </span>
        <button type="button" class="btn btn-secondary btn-sm" [attr.data-testid]="copyTestId()" (click)="copy()">
          <cp-icon [name]="state() === 'copied' ? 'check' : 'copy'" />
          {{ (state() === 'copied' ? 'copy.copied' : 'copy.copy') | translate }}
        </button>
      </div>
    </div>
  `,
})
export class CodeBox {
  private readonly clipboard = inject(ClipboardService);
  readonly code = input.required<string>();
  readonly label = input.required<string>();
  readonly boxId = input.required<string>();
  readonly testId = input<string>();
  readonly copyTestId = input<string>();
  protected readonly state = signal<CopyState>('idle');
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected rows(): number {
    // Lines wrap in narrow boxes, so long lines count for several rows.
    const rows = this.code()
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 56)), 0);
    return Math.min(14, Math.max(3, rows + 1));
  }

  async copy(): Promise<void> {
    const ok = await this.clipboard.copy(this.code());
    this.state.set(ok ? 'copied' : 'failed');
    if (!ok) {
      // Leave the code selected so Ctrl+C works right away.
      const el = this.area().nativeElement;
      el.focus();
      el.select();
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.state.set('idle'), ok ? 2000 : 6000);
  }
}
