import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DEFAULT_COLORS } from '../../../../../widget/src/design';
import { DesignEditor } from './design-editor';
import { type ColorField, normalizeHex } from './design-rules';

/**
 * One colour of the design: a HEX text field checked against `#RRGGBB` as the admin types, and the
 * browser's colour picker on the swatch. A half-typed value is only flagged once it cannot become
 * a colour any more (a non-hex character, too long) or the field is left.
 */
@Component({
  selector: 'cp-design-color-field',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './color-field.component.css',
  template: `
    <div class="color-field">
      <label class="label" [for]="inputId()">{{ label() }}</label>
      <div class="control" [class.has-error]="!!error()">
        <span class="swatch" [style.background]="shown()">
          <input type="color" [value]="shown()" [attr.aria-label]="'design.colors.pick' | translate: { name: label() }"
            [attr.data-testid]="'design-picker-' + field()" (input)="picked($event)" />
        </span>
        <input class="hex" [id]="inputId()" type="text" spellcheck="false" autocomplete="off" maxlength="7"
          [attr.data-testid]="'design-color-' + field()" [value]="text()" [attr.aria-invalid]="!!error()"
          [attr.aria-describedby]="error() ? inputId() + '-error' : null" (input)="typed($event)" (blur)="left()" />
      </div>
      @if (error(); as message) {
        <p class="field-error" role="alert" [id]="inputId() + '-error'" [attr.data-testid]="'design-color-error-' + field()">{{ message | translate }}</p>
      }
    </div>
  `,
})
export class ColorFieldComponent {
  private readonly editor = inject(DesignEditor);
  readonly field = input.required<ColorField>();
  readonly label = input.required<string>();

  private readonly touched = signal(false);
  protected readonly inputId = computed(() => `design-color-${this.field()}`);
  protected readonly text = computed(() => this.editor.draft()?.colors[this.field()] ?? '');
  /** What the swatch and the picker show: the typed colour once valid, else the last good one. */
  protected readonly shown = computed(() => this.editor.preview()?.colors[this.field()] ?? DEFAULT_COLORS[this.field()]);
  /** A translation key (or the core's own message) for the field, or null. */
  protected readonly error = computed(() => {
    const field = this.field();
    if (this.editor.serverErrors()[`colors.${field}`]) return 'design.colors.invalid';
    if (!this.editor.colorErrors().has(field)) return null;
    const text = this.text();
    const hopeless = /[^#0-9a-f]/i.test(text) || text.length >= 7 || text.indexOf('#', 1) > 0;
    return this.touched() || hopeless ? 'design.colors.invalid' : null;
  });

  protected typed(event: Event): void {
    this.editor.setColor(this.field(), (event.target as HTMLInputElement).value.trim());
  }

  protected picked(event: Event): void {
    this.touched.set(false);
    this.editor.setColor(this.field(), (event.target as HTMLInputElement).value.toLowerCase());
  }

  /** Leaving the field tidies a good value (`ABC123` → `#abc123`) and reveals a bad one. */
  protected left(): void {
    const normal = normalizeHex(this.text());
    if (normal && normal !== this.text()) this.editor.setColor(this.field(), normal);
    this.touched.set(true);
  }
}
