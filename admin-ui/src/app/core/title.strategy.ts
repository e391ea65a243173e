import { Injectable, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type ActivatedRouteSnapshot, type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import type { LocalizedText } from '../plugin-api/define';
import { I18nService } from './i18n.service';
import { ShellIndicators } from './shell-indicators.service';

/**
 * Route titles are translation keys (a plugin's top-level page: its manifest's label); the document title follows the UI language. What waits unread
 * (ShellIndicators) leads the title — «(3) Главная · Callpy» — so a background tab shows it too.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly indicators = inject(ShellIndicators);
  private readonly i18n = inject(I18nService);
  private key: string | undefined;
  private pluginLabel: LocalizedText | undefined;

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
    // A plugin's top-level page: its label, resolved by its route (core/plugin-pages.routes.ts).
    this.pluginLabel = this.key ? undefined : (deepest(snapshot.root).data['pluginPageLabel'] as LocalizedText | undefined);
    this.apply();
  }

  private apply(): void {
    const page = this.key ? this.translate.instant(this.key) : (this.pluginLabel?.[this.i18n.current()] ?? '');
    const unread = this.indicators.unread();
    const title = page ? `${page} · Callpy` : 'Callpy';
    this.title.setTitle(unread ? `(${unread}) ${title}` : title);
  }
}

const deepest = (route: ActivatedRouteSnapshot): ActivatedRouteSnapshot => (route.firstChild ? deepest(route.firstChild) : route);
