import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { PluginInfo } from '../core/api.types';
import { AuthService } from '../core/auth.service';
import { I18nService } from '../core/i18n.service';
import { PluginBackgrounds } from '../core/plugin-backgrounds.service';
import { PluginsService } from '../core/plugins.service';
import { RealtimeService } from '../core/realtime.service';
import { TokenStorage } from '../core/token-storage';
import { Icon, type IconName } from '../shared/icon';
import { LangSwitch } from '../shared/lang-switch';

interface NavItem {
  path: string;
  labelKey: string;
  icon: IconName;
  testId: string;
}

/**
 * The signed-in frame: top bar (account, user, language, sign-out) and the left navigation. It owns
 * what lives for the whole session on every page — the panel's realtime connection and the enabled
 * plugins' background parts (PluginBackgrounds) — and ends them when it goes (sign-out).
 */
@Component({
  selector: 'cp-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, Icon, LangSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  providers: [PluginBackgrounds],
  host: { '(window:storage)': 'onStorage($event)' },
})
export class Shell implements OnInit {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly plugins = inject(PluginsService);
  protected readonly realtime = inject(RealtimeService);
  private readonly tokens = inject(TokenStorage);
  private readonly backgrounds = inject(PluginBackgrounds);

  protected readonly nav = computed<NavItem[]>(() => {
    const items: NavItem[] = [{ path: '/home', labelKey: 'nav.home', icon: 'home', testId: 'nav-home' }];
    if (this.auth.isAdmin()) {
      items.push(
        { path: '/sites', labelKey: 'nav.sites', icon: 'globe', testId: 'nav-sites' },
        { path: '/team', labelKey: 'nav.team', icon: 'users', testId: 'nav-team' },
        { path: '/departments', labelKey: 'nav.departments', icon: 'layers', testId: 'nav-departments' },
      );
    }
    items.push({ path: '/schedules', labelKey: 'nav.schedules', icon: 'clock', testId: 'nav-schedules' });
    return items;
  });

  protected readonly initials = computed(() => {
    const user = this.auth.user();
    if (!user) return '';
    const letters = (user.firstName[0] ?? '') + (user.lastName[0] ?? '');
    return letters || (user.email[0] ?? '?');
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.realtime.disconnect();
      this.plugins.clear();
    });
  }

  ngOnInit(): void {
    this.realtime.connect();
    void this.plugins.load().then((list) => this.backgrounds.runOnly(list.map((p) => p.id)));
  }

  protected pluginTitle(plugin: PluginInfo): string {
    return plugin.title[this.i18n.current()] || plugin.title.en || plugin.id;
  }

  protected logout(): void {
    void this.auth.logout();
  }

  /** Signing out in another tab removes the tokens: follow it here too. */
  protected onStorage(event: StorageEvent): void {
    if (event.key !== null && !event.key.startsWith('callpy.')) return;
    if (!this.tokens.refreshToken) this.auth.endSession('expired');
  }
}
