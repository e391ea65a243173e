import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth.service';
import { I18nService } from '../../core/i18n.service';
import { PluginsService } from '../../core/plugins.service';
import { RealtimeService } from '../../core/realtime.service';
import { ShellIndicators } from '../../core/shell-indicators.service';
import { Icon } from '../../shared/icon';

/** The operators' start page (admins reach it from the navigation too); its badge is the operator's real status. */
@Component({
  selector: 'cp-home-page',
  imports: [RouterLink, TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <header class="page-head">
        <div>
          <h1 data-testid="home-welcome">{{ 'home.welcome' | translate: { name: firstName() } }}</h1>
          <p>{{ 'home.subtitle' | translate: { account: auth.user()?.accountName ?? '' } }}</p>
        </div>
      </header>

      <div class="hero">
        <section class="card status-card">
          <div class="card-body">
            @for (status of indicators.statuses(); track status.source) {
              <span class="pill" [class.on]="status.tone === 'on'" [class.away]="status.tone === 'away'" data-testid="home-status" [attr.data-source]="status.source" [attr.data-tone]="status.tone">
                <span class="dot" aria-hidden="true"></span>
                {{ status.labelKey | translate }}
              </span>
            } @empty {
              <!-- No plugin says anything about the operator: the panel's own connection is all there is. -->
              <span class="pill" [class.on]="realtime.state() === 'connected'" data-testid="home-status">
                <span class="dot" aria-hidden="true"></span>
                {{ 'realtime.' + realtime.state() | translate }}
              </span>
            }
            <h2>{{ 'home.statusTitle' | translate }}</h2>
            <p>{{ 'home.statusText' | translate }}</p>
          </div>
        </section>

        @if (auth.user(); as user) {
          <section class="card profile" data-testid="home-profile">
            <div class="card-body">
              <div class="profile-head">
                <span class="avatar big" aria-hidden="true">{{ initials() }}</span>
                <div>
                  <h2>{{ auth.displayName() }}</h2>
                  <span class="badge" [class.badge-primary]="user.role === 'admin'">{{ 'roles.' + user.role | translate }}</span>
                </div>
              </div>
              <dl>
                <div class="wide"><dt>{{ 'fields.email' | translate }}</dt><dd class="one-line" data-testid="home-profile-email" [title]="user.email">{{ user.email }}</dd></div>
                <div><dt>{{ 'home.phone' | translate }}</dt><dd>{{ user.phone || '—' }}</dd></div>
                <div><dt>{{ 'home.account' | translate }}</dt><dd>{{ user.accountName }}</dd></div>
                <div><dt>{{ 'lang.label' | translate }}</dt><dd>{{ 'lang.' + i18n.current() | translate }}</dd></div>
              </dl>
            </div>
          </section>
        }
      </div>

      <div class="grid">

        @if (auth.isAdmin()) {
          <a class="card link-card" routerLink="/sites">
            <span class="ico"><cp-icon name="globe" /></span>
            <h2>{{ 'nav.sites' | translate }}</h2>
            <p>{{ 'home.sitesText' | translate }}</p>
          </a>
          <a class="card link-card" routerLink="/team">
            <span class="ico"><cp-icon name="users" /></span>
            <h2>{{ 'nav.team' | translate }}</h2>
            <p>{{ 'home.teamText' | translate }}</p>
          </a>
        }
        @for (plugin of plugins.plugins(); track plugin.id) {
          <a class="card link-card" [routerLink]="['/p', plugin.id]">
            <span class="ico"><cp-icon name="puzzle" /></span>
            <h2>{{ plugin.title[i18n.current()] }}</h2>
            <p>{{ 'home.pluginText' | translate }}</p>
          </a>
        }
      </div>
    </div>
  `,
  styles: `
    .hero { display: grid; gap: 1.25rem; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); margin-bottom: 1.25rem; }
    .grid { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
    @media (max-width: 900px) { .hero { grid-template-columns: minmax(0, 1fr); } }
    .card h2 { font-size: 1rem; margin: .875rem 0 .375rem; }
    .card p { margin: 0; color: var(--gray-500); font-size: .875rem; line-height: 1.55; }
    .status-card { background: linear-gradient(120deg, #eef2ff, #fff 60%); }
    .status-card .card-body { height: 100%; display: flex; flex-direction: column; justify-content: center; align-items: flex-start; }
    .pill { display: inline-flex; align-items: center; gap: .5rem; padding: .25rem .625rem; border-radius: 999px; background: var(--gray-100);
      color: var(--gray-600); font-size: .8125rem; font-weight: 600; }
    .pill .dot { width: .5rem; height: .5rem; border-radius: 50%; background: var(--gray-400); }
    .pill.on { background: var(--success-100); color: var(--success-700); }
    .pill.on .dot { background: var(--success-500); }
    .pill.away { background: #fef3c7; color: #92400e; }
    .pill.away .dot { background: #f59e0b; }
    .link-card { display: block; padding: 1.5rem; color: inherit; transition: border-color .15s, box-shadow .15s, transform .15s; }
    .link-card:hover { text-decoration: none; color: inherit; border-color: var(--primary-200); box-shadow: var(--shadow-md); transform: translateY(-1px); }
    .profile-head { display: flex; align-items: center; gap: .875rem; margin-bottom: 1rem; }
    .profile-head h2 { margin: 0 0 .25rem; }
    .avatar.big { width: 3rem; height: 3rem; font-size: 1rem; }
    dl { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .875rem 1rem; margin: 0; padding-top: 1rem; border-top: 1px solid var(--gray-100); }
    dt { color: var(--gray-500); font-size: .75rem; }
    dd { margin: .125rem 0 0; font-size: .875rem; font-weight: 500; overflow-wrap: anywhere; }
    /* An address broken anywhere reads as two words: it gets the card's whole width, and if that is
       not enough it ends in an ellipsis with the full address as its title. */
    .wide { grid-column: 1 / -1; }
    dd.one-line { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .ico { display: inline-grid; place-items: center; width: 2.5rem; height: 2.5rem; border-radius: 10px; background: var(--primary-50); color: var(--primary-600); font-size: 1.125rem; }
  `,
})
export class HomePage {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly plugins = inject(PluginsService);
  protected readonly realtime = inject(RealtimeService);
  /** The operator's state as the plugins tell it (the chat: «В сети» / «Отошёл» / «Не в сети»). */
  protected readonly indicators = inject(ShellIndicators);
  protected readonly firstName = computed(() => this.auth.user()?.firstName || this.auth.displayName());
  protected readonly initials = computed(() => {
    const user = this.auth.user();
    if (!user) return '';
    return (user.firstName[0] ?? '') + (user.lastName[0] ?? '') || (user.email[0] ?? '?');
  });
}
