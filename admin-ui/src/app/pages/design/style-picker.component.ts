import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DEFAULT_COLORS, type WidgetStyle } from '../../../../../widget/src/design';
import { Icon } from '../../shared/icon';
import { DesignEditor } from './design-editor';

/**
 * B4: the three widget styles as cards with a schematic thumbnail each, drawn in the draft's own
 * colours so the choice shows what the visitor will get.
 */
@Component({
  selector: 'cp-design-style-picker',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './style-picker.component.css',
  template: `
    <div class="styles" role="radiogroup" [attr.aria-label]="'design.sections.style' | translate">
      @for (style of styles; track style) {
        <button type="button" class="style" role="radio" [attr.aria-checked]="current() === style" [class.selected]="current() === style"
          [attr.data-testid]="'design-style-' + style" (click)="editor.setStyle(style)">
          @if (current() === style) { <span class="tick"><cp-icon name="check" /></span> }
          <svg class="thumb" viewBox="0 0 120 80" aria-hidden="true">
            <rect width="120" height="80" rx="6" fill="#f8fafc" />
            <rect x="8" y="8" width="44" height="5" rx="2.5" fill="#cbd5e1" />
            <rect x="8" y="18" width="58" height="3" rx="1.5" fill="#e2e8f0" />
            <rect x="8" y="25" width="50" height="3" rx="1.5" fill="#e2e8f0" />
            <rect x="8" y="36" width="26" height="18" rx="3" fill="#e2e8f0" />
            <rect x="38" y="36" width="26" height="18" rx="3" fill="#e2e8f0" />
            @switch (style) {
              @case ('standard') {
                <g class="win"><rect x="72" y="12" width="40" height="50" rx="4" fill="#fff" /></g>
                <path d="M72 16a4 4 0 0 1 4-4h32a4 4 0 0 1 4 4v6H72z" [attr.fill]="colors().shell" />
                <rect x="76" y="28" width="20" height="6" rx="3" [attr.fill]="colors().incoming" stroke="#e2e8f0" stroke-width=".6" />
                <rect x="88" y="38" width="20" height="6" rx="3" [attr.fill]="colors().outgoing" />
                <rect x="76" y="48" width="16" height="6" rx="3" [attr.fill]="colors().incoming" stroke="#e2e8f0" stroke-width=".6" />
                <circle cx="106" cy="71" r="5.5" [attr.fill]="colors().launcher" />
              }
              @case ('branded') {
                <g class="win"><rect x="68" y="6" width="46" height="58" rx="4" fill="#fff" /></g>
                <path d="M68 10a4 4 0 0 1 4-4h38a4 4 0 0 1 4 4v20H68z" [attr.fill]="colors().shell" />
                <circle cx="79" cy="18" r="5" fill="#fff" opacity=".9" />
                <rect x="87" y="14" width="20" height="3" rx="1.5" fill="#fff" opacity=".9" />
                <rect x="87" y="20" width="13" height="2.5" rx="1.25" fill="#fff" opacity=".6" />
                <rect x="72" y="35" width="22" height="6" rx="3" [attr.fill]="colors().incoming" stroke="#e2e8f0" stroke-width=".6" />
                <rect x="88" y="45" width="22" height="6" rx="3" [attr.fill]="colors().outgoing" />
                <rect x="86" y="67" width="28" height="10" rx="5" [attr.fill]="colors().launcher" />
                <rect x="94" y="71" width="15" height="2.5" rx="1.25" [attr.fill]="colors().launcherText" opacity=".9" />
                <circle cx="90.5" cy="72" r="1.6" [attr.fill]="colors().launcherText" opacity=".9" />
              }
              @case ('side') {
                <g class="win"><rect x="80" y="0" width="40" height="80" fill="#fff" /></g>
                <path d="M80 0h34a6 6 0 0 1 6 6v6H80z" [attr.fill]="colors().shell" />
                <rect x="84" y="18" width="20" height="6" rx="3" [attr.fill]="colors().incoming" stroke="#e2e8f0" stroke-width=".6" />
                <rect x="95" y="28" width="21" height="6" rx="3" [attr.fill]="colors().outgoing" />
                <rect x="84" y="38" width="16" height="6" rx="3" [attr.fill]="colors().incoming" stroke="#e2e8f0" stroke-width=".6" />
                <rect x="84" y="68" width="32" height="6" rx="3" fill="#f1f5f9" />
                <rect x="73" y="28" width="7" height="24" rx="2" [attr.fill]="colors().launcher" />
              }
            }
          </svg>
          <span class="text">
            <span class="name">{{ 'design.style.' + style + '.name' | translate }}</span>
            <span class="desc">{{ 'design.style.' + style + '.text' | translate }}</span>
          </span>
        </button>
      }
    </div>
  `,
})
export class StylePicker {
  protected readonly editor = inject(DesignEditor);
  protected readonly styles: readonly WidgetStyle[] = ['standard', 'branded', 'side'];
  protected readonly current = computed(() => this.editor.draft()?.style);
  protected readonly colors = computed(() => this.editor.preview()?.colors ?? DEFAULT_COLORS);
}
