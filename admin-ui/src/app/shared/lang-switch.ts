import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Locale } from '../core/api.types';
import { AuthService } from '../core/auth.service';
import { I18nService, LOCALES } from '../core/i18n.service';

/** RU / EN segmented switch. Signed in, the choice is saved to the profile (PATCH /api/me). */
@Component({
  selector: 'cp-lang-switch',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: inline-flex; }
    .seg { display: inline-flex; padding: 2px; border-radius: 8px; background: var(--gray-100); border: 1px solid var(--gray-200); }
    :host(.on-dark) .seg { background: rgba(255,255,255,.08); border-color: rgba(255,255,255,.16); }
    button { all: unset; box-sizing: border-box; cursor: pointer; min-width: 2.25rem; padding: .25rem .5rem; border-radius: 6px;
      font: 600 .75rem/1.25rem var(--font-sans); letter-spacing: .04em; text-align: center; color: var(--gray-500); }
    button:hover { color: var(--gray-900); }
    button[aria-pressed='true'] { background: #fff; color: var(--gray-900); box-shadow: 0 1px 2px rgba(15,23,42,.12); }
    button:focus-visible { outline: 2px solid var(--primary-500); outline-offset: 1px; }
  `,
  template: `
    <div class="seg" role="group" [attr.aria-label]="'lang.label' | translate">
      @for (locale of locales; track locale) {
        <button
          type="button"
          [attr.data-testid]="'lang-' + locale"
          [attr.aria-pressed]="i18n.current() === locale"
          [attr.lang]="locale"
          [attr.title]="'lang.' + locale | translate"
          (click)="select(locale)"
        >
          {{ locale.toUpperCase() }}
        </button>
      }
    </div>
  `,
})
export class LangSwitch {
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly locales = LOCALES;

  select(locale: Locale): void {
    if (locale === this.i18n.current()) return;
    // The UI switches at once; saving to the profile is best effort (the choice is also in localStorage).
    this.auth.changeLocale(locale).subscribe({ error: () => undefined });
  }
}
