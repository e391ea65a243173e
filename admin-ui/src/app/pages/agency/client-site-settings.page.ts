import { type HttpInterceptorFn, provideHttpClient, withInterceptors, withRequestsMadeViaParent } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, EnvironmentInjector, computed, createEnvironmentInjector, effect, inject, input, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService } from '../../core/i18n.service';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';
import { type LoadedSettingsPage, PluginSettingsOutlet } from '../../shared/plugin-settings-outlet';
import type { LeavesSafely } from '../design/unsaved-changes.guard';
import { AgencyService } from './agency.service';
import { BackToClients } from './back-to-clients';

/**
 * The panel's plugin settings address of a site, as the console reaches it for a client's site:
 * `/api/plugins/<id>/settings/sites/<siteId>` → `/api/agency/clients/<clientId>/plugins/<id>/settings/sites/<siteId>`
 * (the core's agency twin of the route, kernel/plugin-settings.routes.ts). Nothing else is rewritten.
 */
export function agencySettingsUrl(url: string, clientId: string): string {
  const m = /^\/api\/plugins\/([a-z][a-z0-9-]*)\/settings\/sites\/([^/?#]+)$/.exec(url);
  return m ? `/api/agency/clients/${encodeURIComponent(clientId)}/plugins/${m[1]}/settings/sites/${m[2]}` : url;
}

/**
 * A7 for agencies: one plugin's settings of one client site, through the plugin's own settings
 * form (its manifest's `siteSettings` component, as Sites → Settings shows it to the client's
 * admin). The form runs under an injector whose HttpClient sends its settings requests to the
 * agency's route (then through the panel's own interceptors: the staff member's token), with the
 * plugin's background services provided but not started — no plugin runs for staff.
 */
@Component({
  selector: 'cp-client-site-settings-page',
  imports: [PluginSettingsOutlet, TranslatePipe, BackToClients],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <header class="page-head">
        <div>
          <cp-back-to-clients />
          <h1 data-testid="client-site-settings-title">{{ 'agency.siteSettings.title' | translate: { plugin: label(), site: siteName() } }}</h1>
          <p>{{ 'agency.siteSettings.subtitle' | translate: { client: clientName() } }}</p>
        </div>
      </header>
      <cp-plugin-settings-outlet [page]="page()" [missing]="missing()" [siteId]="siteId()" />
    </div>
  `,
})
export class ClientSiteSettingsPage implements LeavesSafely {
  readonly clientId = input.required<string>();
  readonly siteId = input.required<string>();
  readonly pluginId = input.required<string>();
  readonly path = input.required<string>();

  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);
  private readonly parent = inject(EnvironmentInjector);
  private readonly i18n = inject(I18nService);
  private readonly outlet = viewChild(PluginSettingsOutlet);
  private readonly client = signal<{ name: string; sites: { id: string; name: string }[] } | null>(null);
  protected readonly page = signal<LoadedSettingsPage | null>(null);
  private readonly entry = computed(() => this.registry.find((m) => m.id === this.pluginId())?.siteSettings?.find((e) => e.path === this.path()));
  protected readonly missing = computed(() => !this.entry());
  protected readonly label = computed(() => this.entry()?.label[this.i18n.current()] ?? this.pluginId());
  protected readonly clientName = computed(() => this.client()?.name ?? '');
  protected readonly siteName = computed(() => this.client()?.sites.find((s) => s.id === this.siteId())?.name ?? '');

  constructor() {
    const api = inject(AgencyService);
    const destroyRef = inject(DestroyRef);
    const sub = api.clients().subscribe({ next: (list) => this.client.set(list.find((c) => c.id === this.clientId()) ?? null), error: () => undefined });
    destroyRef.onDestroy(() => sub.unsubscribe());
    effect((onCleanup) => {
      const entry = this.entry();
      const clientId = this.clientId();
      const manifest = this.registry.find((m) => m.id === this.pluginId());
      this.page.set(null);
      if (!entry || !manifest) return;
      let injector: EnvironmentInjector | undefined;
      let gone = false;
      onCleanup(() => {
        gone = true;
        injector?.destroy();
      });
      void Promise.all([entry.component(), manifest.background?.()]).then(([component, background]) => {
        if (gone) return;
        const toAgency: HttpInterceptorFn = (req, next) => next(req.clone({ url: agencySettingsUrl(req.url, clientId) }));
        injector = createEnvironmentInjector(
          [...(background?.providers ?? []), provideHttpClient(withInterceptors([toAgency]), withRequestsMadeViaParent())],
          this.parent,
          `agency-site-settings:${manifest.id}`,
        );
        this.page.set({ component, injector });
      });
    });
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.outlet()?.confirmLeave() ?? true;
  }
}
