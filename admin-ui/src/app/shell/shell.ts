import { ChangeDetectionStrategy, Component, DestroyRef, Injector, type OnInit, afterNextRender, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth.service';
import { I18nService } from '../core/i18n.service';
import { PluginBackgrounds } from '../core/plugin-backgrounds.service';
import { PluginSlots } from '../core/plugin-slots.service';
import { PluginsService } from '../core/plugins.service';
import { PluginSlot } from '../plugin-api/plugin-slot';
import { FLOATING_WINDOWS } from '../plugin-api/slots';
import { RealtimeService } from '../core/realtime.service';
import { ShellIndicators } from '../core/shell-indicators.service';
import { TokenStorage } from '../core/token-storage';
import { Icon, type IconName } from '../shared/icon';
import { LangSwitch } from '../shared/lang-switch';
import { TopbarBrand } from './topbar-brand';
import { TopbarUser } from './topbar-user';

interface PluginNavItem {
  id: string;
  label: string;
  icon: IconName;
  badge: number;
}

interface NavItem {
  path: string;
  /** A key of the panel's strings, or (plugins' pages) the text itself. */
  labelKey?: string;
  label?: string;
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
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, Icon, LangSwitch, PluginSlot, TopbarBrand, TopbarUser],
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
  private readonly indicators = inject(ShellIndicators);
  private readonly injector = inject(Injector);
  /** Plugins' windows over every page (a call, a co-browsing view): FLOATING_WINDOWS. */
  protected readonly floatingWindows = inject(PluginSlots).of(FLOATING_WINDOWS);

  /** The enabled plugins' entries: the manifest's icon, label and live badge, else the CMS title. */
  protected readonly pluginNav = computed<PluginNavItem[]>(() => {
    const locale = this.i18n.current();
    // A plugin whose panel part has no page (goals: settings and slots only) has no entry; one
    // without a panel part keeps its "not available yet" placeholder.
    const withPage = this.plugins.plugins().filter((plugin) => this.backgrounds.manifest(plugin.id)?.page ?? !this.backgrounds.manifest(plugin.id));
    return withPage.map((plugin) => {
      const nav = this.backgrounds.manifest(plugin.id)?.nav;
      return {
        id: plugin.id,
        label: nav?.label[locale] || plugin.title[locale] || plugin.title.en || plugin.id,
        icon: nav?.icon ?? 'puzzle',
        badge: nav?.badge === 'unread' ? this.indicators.unreadOf(plugin.id) : 0,
      };
    });
  });

  protected readonly nav = computed<NavItem[]>(() => {
    const items: NavItem[] = [{ path: '/home', labelKey: 'nav.home', icon: 'home', testId: 'nav-home' }];
    if (this.auth.isAdmin()) {
      items.push(
        { path: '/sites', labelKey: 'nav.sites', icon: 'globe', testId: 'nav-sites' },
        { path: '/team', labelKey: 'nav.team', icon: 'users', testId: 'nav-team' },
      );
      // The agency's support visits (issue 15): the account's own record, not shown to the visit itself.
      if (!this.auth.isSupport()) items.push({ path: '/access-log', labelKey: 'nav.accessLog', icon: 'eye', testId: 'nav-access-log' });
    }
    // The enabled plugins' top-level pages (the chat's departments and schedules), after the panel's own.
    const locale = this.i18n.current();
    for (const plugin of this.plugins.plugins()) {
      for (const page of this.backgrounds.manifest(plugin.id)?.pages ?? []) {
        if (page.adminOnly && !this.auth.isAdmin()) continue;
        items.push({ path: `/${page.path}`, label: page.label[locale], icon: page.icon, testId: `nav-${page.path}` });
      }
    }
    return items;
  });

  constructor() {
    const stopListening = this.realtime.onPanelEvent('plugins.changed', () => this.loadPlugins());
    // A reconnect may follow a core restart or a long outage: the account's plugins may have changed meanwhile.
    effect(() => {
      if (this.realtime.connects() > 1) untracked(() => this.loadPlugins());
    });
    inject(DestroyRef).onDestroy(() => {
      this.realtime.disconnect();
      stopListening();
      this.plugins.clear();
    });
  }

  ngOnInit(): void {
    this.realtime.connect();
    // A plugin page's guard may have read the list already (plugins.ready): that read is used.
    void this.plugins.ready().then((list) => this.backgrounds.runOnly(list.map((p) => p.id)));
  }

  /** The agency switches plugins per account (A7): the panel follows without a reload. */
  private loadPlugins(): void {
    void this.plugins.load().then((list) => this.backgrounds.runOnly(list.map((p) => p.id)));
  }

  /** On a phone the navigation is one scrolling row: the current page's entry is brought into view. */
  protected onActive(active: boolean, link: HTMLElement): void {
    if (active) afterNextRender({ read: () => link.scrollIntoView({ block: 'nearest', inline: 'nearest' }) }, { injector: this.injector });
  }

  /** Until when this tab's support visit lasts, in the UI language (null outside a visit). */
  protected readonly supportUntil = computed(() => {
    const visit = this.auth.isSupport() ? this.auth.supportVisit : null;
    if (!visit) return null;
    return new Intl.DateTimeFormat(this.i18n.current(), { hour: '2-digit', minute: '2-digit' }).format(new Date(visit.expiresAt));
  });

  /** Signing out in another tab removes the tokens: follow it here too (a support visit's tab keeps its own). */
  protected onStorage(event: StorageEvent): void {
    if (this.auth.isSupport()) return;
    if (event.key !== null && !event.key.startsWith('callpy.')) return;
    if (!this.tokens.refreshToken) this.auth.endSession('expired');
  }
}
