import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DEFAULT_COLORS, WCAG_AA, contrastRatio } from '../../../../../widget/src/design';
import { DESIGN_THEMES, type DesignTheme } from '../../../../../widget/src/design-themes';
import { I18nService } from '../../core/i18n.service';
import { Icon } from '../../shared/icon';
import { ColorFieldComponent } from './color-field.component';
import { DesignEditor } from './design-editor';
import type { ColorField } from './design-rules';

interface ColorPair {
  id: 'shell' | 'launcher' | 'incoming' | 'outgoing';
  background: ColorField;
  text: ColorField;
}

const PAIRS: readonly ColorPair[] = [
  { id: 'shell', background: 'shell', text: 'shellText' },
  { id: 'launcher', background: 'launcher', text: 'launcherText' },
  { id: 'incoming', background: 'incoming', text: 'incomingText' },
  { id: 'outgoing', background: 'outgoing', text: 'outgoingText' },
];

/**
 * B6 + the font colours of B8: ready-made themes, then each element's background and text colour
 * side by side with a live sample and its WCAG contrast — a warning (never a refusal) below AA.
 */
@Component({
  selector: 'cp-design-colors-section',
  imports: [TranslatePipe, Icon, ColorFieldComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './colors-section.component.css',
  template: `
    <h3 class="sub">{{ 'design.colors.themes' | translate }}</h3>
    <div class="themes">
      @for (theme of themes; track theme.id) {
        <button type="button" class="theme" data-testid="design-theme" [attr.data-theme-id]="theme.id" [class.active]="activeTheme() === theme.id"
          [attr.aria-pressed]="activeTheme() === theme.id" [title]="theme.name[i18n.current()]" (click)="apply(theme)">
          <span class="theme-art" aria-hidden="true">
            <span class="theme-head" [style.background]="theme.colors.shell"></span>
            <span class="theme-in" [style.background]="theme.colors.incoming"></span>
            <span class="theme-out" [style.background]="theme.colors.outgoing"></span>
            <span class="theme-dot" [style.background]="theme.colors.launcher"></span>
          </span>
          <span class="theme-name">{{ theme.name[i18n.current()] }}</span>
          @if (activeTheme() === theme.id) { <span class="theme-tick"><cp-icon name="check" /></span> }
        </button>
      }
    </div>

    <div class="pairs">
      @for (pair of pairs(); track pair.id) {
        <div class="pair" [attr.data-pair]="pair.id">
          <div class="pair-head">
            <h3>{{ 'design.colors.groups.' + pair.id | translate }}</h3>
            <span class="sample" [style.background]="pair.bg" [style.color]="pair.fg" aria-hidden="true">Aa</span>
          </div>
          <div class="pair-fields">
            <cp-design-color-field [field]="pair.background" [label]="'design.colors.background' | translate" />
            <cp-design-color-field [field]="pair.text" [label]="'design.colors.text' | translate" />
          </div>
          @if (!pair.typing) {
            @if (pair.ratio < aa) {
              <p class="contrast low" role="status" data-testid="design-contrast-warning" [attr.data-pair]="pair.id">
                <cp-icon name="alert" />
                <span>{{ 'design.colors.contrastLow' | translate: { ratio: pair.ratioText, min: aa } }}</span>
              </p>
            } @else {
              <p class="contrast ok"><cp-icon name="check" /> {{ 'design.colors.contrastOk' | translate: { ratio: pair.ratioText } }}</p>
            }
          }
        </div>
      }
    </div>
  `,
})
export class ColorsSection {
  protected readonly editor = inject(DesignEditor);
  protected readonly i18n = inject(I18nService);
  protected readonly themes = DESIGN_THEMES;
  protected readonly aa = WCAG_AA;

  private readonly colors = computed(() => this.editor.preview()?.colors ?? DEFAULT_COLORS);
  protected readonly pairs = computed(() =>
    PAIRS.map((pair) => {
      const bg = this.colors()[pair.background];
      const fg = this.colors()[pair.text];
      const ratio = contrastRatio(fg, bg);
      // A pair with a half-typed colour has no ratio to speak of yet.
      const typing = this.editor.colorErrors().has(pair.background) || this.editor.colorErrors().has(pair.text);
      // Rounded down, so "4.5" is never shown for a 4.47 that fails.
      return { ...pair, bg, fg, ratio, typing, ratioText: (Math.floor(ratio * 100) / 100).toFixed(2) };
    }),
  );
  protected readonly activeTheme = computed(() => {
    const draft = this.editor.draft()?.colors;
    if (!draft) return null;
    const same = (t: DesignTheme) => (Object.keys(t.colors) as ColorField[]).every((k) => t.colors[k].toLowerCase() === draft[k].toLowerCase());
    return this.themes.find(same)?.id ?? null;
  });

  protected apply(theme: DesignTheme): void {
    this.editor.setColors(theme.colors);
  }
}
