import { Injectable, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import { ShellIndicators } from './shell-indicators.service';

/**
 * Route titles are translation keys; the document title follows the UI language. What waits unread
 * (ShellIndicators) leads the title — «(3) Главная · Callpy» — so a background tab shows it too.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly indicators = inject(ShellIndicators);
  private key: string | undefined;

  constructor() {
    super();
    this.translate.onLangChange.subscribe(() => this.apply());
    effect(() => {
      this.indicators.unread();
      this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = this.buildTitle(snapshot);
    this.apply();
  }

  private apply(): void {
    const page = this.key ? this.translate.instant(this.key) : '';
    const unread = this.indicators.unread();
    const title = page ? `${page} · Callpy` : 'Callpy';
    this.title.setTitle(unread ? `(${unread}) ${title}` : title);
  }
}
