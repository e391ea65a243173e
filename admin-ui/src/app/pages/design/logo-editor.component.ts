import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { DEFAULT_COLORS, LOGO_RULES } from '../../../../../widget/src/design';
import { toApiError } from '../../core/api-error';
import { Icon } from '../../shared/icon';
import { ToastService } from '../../shared/toast.service';
import { DesignEditor } from './design-editor';
import { type DesignMessage, clientLogoMessage, logoMessage } from './design-errors';
import { logoProblem } from './design-rules';
import { type DesignResponse, DesignService } from './design.service';

/**
 * B7: the logo. Upload and delete go to the core at once (it checks the content and the 125×125
 * minimum); the browser refuses a wrong type or an oversized file before sending. The scale is
 * part of the design and is saved with it.
 */
@Component({
  selector: 'cp-design-logo-editor',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './logo-editor.component.css',
  template: `
    <div class="logo">
      <div class="stage" [style.background]="shell()" [class.empty]="!logo()">
        @if (logo(); as l) {
          <img data-testid="design-logo-preview" [src]="l.url" [alt]="'design.logo.alt' | translate" [style.height.px]="40 * l.scale" />
        } @else {
          <span class="placeholder"><cp-icon name="image" /></span>
        }
        @if (busy()) { <span class="busy"><span class="spinner" aria-hidden="true"></span></span> }
      </div>
      <div class="side">
        <p class="rules">{{ 'design.logo.rules' | translate: { min: rules.minWidth, mb: maxMb } }}</p>
        <input #file class="file" type="file" accept=".jpg,.jpeg,.png,image/jpeg,image/png" data-testid="design-logo-input" tabindex="-1" aria-hidden="true"
          (change)="chosen($event)" />
        <div class="buttons">
          <button type="button" class="btn btn-secondary btn-sm" data-testid="design-logo-upload" [disabled]="busy()" (click)="file.click()">
            <cp-icon name="upload" /> {{ (logo() ? 'design.logo.replace' : 'design.logo.upload') | translate }}
          </button>
          @if (logo()) {
            <button type="button" class="btn btn-danger-ghost btn-sm" data-testid="design-logo-delete" [disabled]="busy()" (click)="remove()">
              <cp-icon name="trash" /> {{ 'design.logo.delete' | translate }}
            </button>
          }
        </div>
        @if (logo(); as l) {
          <label class="scale">
            <span class="scale-head"><span class="label">{{ 'design.logo.scale' | translate }}</span><output>{{ percent(l.scale) }}%</output></span>
            <input type="range" data-testid="design-logo-scale" [min]="rules.minScale" [max]="rules.maxScale" step="0.05" [value]="l.scale"
              (input)="scaled($event)" />
          </label>
        }
        @if (error(); as e) {
          <p class="alert alert-error" role="alert" data-testid="design-logo-error"><cp-icon name="alert" /><span>{{ e.key | translate: e.params }}</span></p>
        }
      </div>
    </div>
  `,
})
export class LogoEditor {
  readonly siteId = input.required<string>();
  private readonly editor = inject(DesignEditor);
  private readonly api = inject(DesignService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly rules = LOGO_RULES;
  protected readonly maxMb = LOGO_RULES.maxBytes / 1024 / 1024;
  protected readonly logo = computed(() => this.editor.draft()?.logo ?? null);
  protected readonly shell = computed(() => this.editor.preview()?.colors.shell ?? DEFAULT_COLORS.shell);
  protected readonly busy = signal(false);
  private readonly ownError = signal<DesignMessage | null>(null);
  /** A local refusal, or the core's refusal of the logo at the last save. */
  protected readonly error = computed<DesignMessage | null>(() => {
    const server = this.editor.serverErrors()['logo'] ?? this.editor.serverErrors()['logo.scale'];
    return this.ownError() ?? (server ? { key: server } : null);
  });

  protected percent(scale: number): number {
    return Math.round(scale * 100);
  }

  protected scaled(event: Event): void {
    this.editor.setLogoScale(Number((event.target as HTMLInputElement).value));
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again after fixing it fires `change` again.
    input.value = '';
    if (!file) return;
    const problem = logoProblem(file);
    if (problem) {
      this.ownError.set(clientLogoMessage(problem));
      return;
    }
    this.run(this.api.uploadLogo(this.siteId(), file), 'design.logo.uploaded');
  }

  protected remove(): void {
    this.run(this.api.deleteLogo(this.siteId()), 'design.logo.deleted');
  }

  private run(request: Observable<DesignResponse>, doneKey: string): void {
    this.busy.set(true);
    this.ownError.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (response) => {
        this.busy.set(false);
        this.editor.logoStored(response.design);
        this.toasts.show('success', doneKey);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.ownError.set(logoMessage(toApiError(err)));
      },
    });
  }
}
