import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DEFAULT_DESIGN } from '../../../../../widget/src/design';
import { Icon } from '../../shared/icon';
import { DesignEditor } from './design-editor';

const ARROWS: Readonly<Record<string, [number, number]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * B5: where the launcher sits. The main way is dragging it in the live preview (the preview posts
 * the new place back); this section mirrors it on a small screen map that can be dragged too,
 * with exact percentages, a reset and whether the place is saved.
 */
@Component({
  selector: 'cp-design-position-editor',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './position-editor.component.css',
  template: `
    @if (position(); as pos) {
      <div class="position">
        <div class="map" (pointerdown)="grab($event)" (pointermove)="drag($event)" (pointerup)="release($event)" (pointercancel)="release($event)">
          <span class="map-bar" aria-hidden="true"><i></i><i></i><i></i></span>
          <span class="dot" role="slider" tabindex="0" data-testid="design-position-dot" [attr.aria-label]="'design.position.mapLabel' | translate"
            aria-valuemin="0" aria-valuemax="100" [attr.aria-valuenow]="percent(pos.x)"
            [attr.aria-valuetext]="'design.position.valueText' | translate: { x: percent(pos.x), y: percent(pos.y) }"
            [style.left.%]="pos.x * 100" [style.top.%]="pos.y * 100" [style.background]="launcher()" (keydown)="nudge($event)">
          </span>
        </div>
        <div class="controls">
          <p class="hint lead"><cp-icon name="move" /> {{ 'design.position.dragHint' | translate }}</p>
          <div class="numbers">
            <label class="field">
              <span class="label">{{ 'design.position.x' | translate }}</span>
              <span class="unit"><input class="input" type="number" min="0" max="100" step="1" data-testid="design-position-x"
                [value]="percent(pos.x)" (change)="setAxis('x', $event)" /><span>%</span></span>
            </label>
            <label class="field">
              <span class="label">{{ 'design.position.y' | translate }}</span>
              <span class="unit"><input class="input" type="number" min="0" max="100" step="1" data-testid="design-position-y"
                [value]="percent(pos.y)" (change)="setAxis('y', $event)" /><span>%</span></span>
            </label>
          </div>
          <div class="row">
            @if (isSaved()) {
              <span class="badge badge-success" data-testid="design-position-saved"><cp-icon name="check" /> {{ 'design.position.saved' | translate }}</span>
            } @else {
              <span class="badge badge-warning" data-testid="design-position-unsaved">{{ 'design.position.unsaved' | translate }}</span>
            }
            <button type="button" class="btn btn-ghost btn-sm" data-testid="design-position-reset" [disabled]="isDefault()" (click)="reset()">
              <cp-icon name="reset" /> {{ 'design.position.reset' | translate }}
            </button>
          </div>
          @if (serverError(); as message) { <p class="field-error" role="alert">{{ message }}</p> }
        </div>
      </div>
    }
  `,
})
export class PositionEditor {
  protected readonly editor = inject(DesignEditor);
  protected readonly position = computed(() => this.editor.draft()?.position ?? null);
  protected readonly launcher = computed(() => this.editor.preview()?.colors.launcher ?? DEFAULT_DESIGN.colors.launcher);
  protected readonly isSaved = computed(() => {
    const saved = this.editor.saved()?.position;
    const now = this.position();
    return !!saved && !!now && saved.x === now.x && saved.y === now.y;
  });
  protected readonly isDefault = computed(() => {
    const now = this.position();
    return !!now && now.x === DEFAULT_DESIGN.position.x && now.y === DEFAULT_DESIGN.position.y;
  });
  protected readonly serverError = computed(() => {
    const errors = this.editor.serverErrors();
    return errors['position'] ?? errors['position.x'] ?? errors['position.y'] ?? null;
  });
  private dragging = false;

  protected percent(fraction: number): number {
    return Math.round(fraction * 1000) / 10;
  }

  protected setAxis(axis: 'x' | 'y', event: Event): void {
    const input = event.target as HTMLInputElement;
    const current = this.position();
    if (!current || input.value.trim() === '') return;
    this.editor.setPosition({ ...current, [axis]: Number(input.value) / 100 });
    // A value out of range is clamped: show what was kept.
    input.value = String(this.percent(this.position()?.[axis] ?? 0));
  }

  protected reset(): void {
    this.editor.setPosition(DEFAULT_DESIGN.position);
  }

  protected grab(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.dragging = true;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.moveTo(event);
    event.preventDefault();
  }

  protected drag(event: PointerEvent): void {
    if (this.dragging) this.moveTo(event);
  }

  protected release(event: PointerEvent): void {
    this.dragging = false;
    (event.currentTarget as HTMLElement).releasePointerCapture?.(event.pointerId);
  }

  protected nudge(event: KeyboardEvent): void {
    const step = ARROWS[event.key];
    const current = this.position();
    if (!step || !current) return;
    event.preventDefault();
    const by = event.shiftKey ? 0.05 : 0.01;
    this.editor.setPosition({ x: current.x + step[0] * by, y: current.y + step[1] * by });
  }

  private moveTo(event: PointerEvent): void {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    this.editor.setPosition({ x: (event.clientX - rect.left) / rect.width, y: (event.clientY - rect.top) / rect.height });
  }
}
