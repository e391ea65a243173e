import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { toApiError } from '../../core/api-error';
import type { ClientPlugin, ClientView } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { PANEL_PLUGIN_REGISTRY } from '../../core/plugin-registry';
import type { SiteSettingsEntry } from '../../plugin-api/define';
import { Icon } from '../../shared/icon';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadError } from '../../shared/load-error';
import { type ErrorText, errorText } from '../../shared/error-text';
import { ToastService } from '../../shared/toast.service';
import { AgencyService } from './agency.service';
import { BackToClients } from './back-to-clients';

/**
 * A7: a client's plugins, one switch per installed plugin (titles from the loaded plugins). A switch
 * is saved at once; the client's open panels follow by themselves (`plugins.changed`).
 */
@Component({
  selector: 'cp-client-plugins-page',
  imports: [BackToClients, RouterLink, TranslatePipe, ErrorAlert, Icon, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './client-plugins.page.html',
  styleUrl: './client-plugins.page.css',
})
export class ClientPluginsPage implements OnInit {
  /** The route's `:clientId` (component input binding). */
  readonly clientId = input.required<string>();
  private readonly api = inject(AgencyService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);
  private readonly registry = inject(PANEL_PLUGIN_REGISTRY);

  protected readonly client = signal<ClientView | null>(null);
  protected readonly plugins = signal<ClientPlugin[] | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly saveError = signal<ErrorText | null>(null);
  /** The plugin whose switch is being saved. */
  protected readonly saving = signal<string | null>(null);
  protected readonly enabledCount = computed(() => (this.plugins() ?? []).filter((p) => p.enabled).length);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    forkJoin({ clients: this.api.clients(), plugins: this.api.plugins(this.clientId()) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ clients, plugins }) => {
          this.client.set(clients.find((c) => c.id === this.clientId()) ?? null);
          this.plugins.set(plugins);
        },
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  /** A7: the plugin's own per-site settings pages (its panel manifest's `siteSettings`), opened per client site. */
  protected settingsOf(pluginId: string): readonly SiteSettingsEntry[] {
    return this.registry.find((m) => m.id === pluginId)?.siteSettings ?? [];
  }

  protected title(plugin: ClientPlugin): string {
    return plugin.title[this.i18n.current()] || plugin.title.en || plugin.id;
  }

  protected toggle(plugin: ClientPlugin, input: HTMLInputElement): void {
    const enabled = input.checked;
    this.saving.set(plugin.id);
    this.saveError.set(null);
    this.api
      .setPlugin(this.clientId(), plugin.id, enabled)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.saving.set(null);
          this.plugins.set(list);
          this.toasts.show('success', enabled ? 'agency.plugins.switchedOn' : 'agency.plugins.switchedOff', { plugin: this.title(plugin) });
        },
        error: (err: unknown) => {
          this.saving.set(null);
          // Put the switch back as it is stored, and say why in the user's language.
          input.checked = plugin.enabled;
          this.saveError.set(errorText(toApiError(err)));
        },
      });
  }
}
