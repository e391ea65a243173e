import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { ClientView } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { ErrorAlert } from '../../shared/error-alert';
import { type ErrorText, errorText } from '../../shared/error-text';
import { Icon } from '../../shared/icon';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { AgencyService } from './agency.service';
import { OpenClientPanel } from './open-client-panel';

export type ClientSort = 'name' | 'sites' | 'operators' | 'plugins' | 'lastActive';

/** How each sortable column compares two clients (ascending); ties keep the name order. */
const COMPARE: Record<ClientSort, (a: ClientView, b: ClientView) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  sites: (a, b) => a.sites.length - b.sites.length,
  operators: (a, b) => a.operators.used - b.operators.used,
  plugins: (a, b) => a.plugins.length - b.plugins.length,
  lastActive: (a, b) => (a.lastActiveAt ?? '').localeCompare(b.lastActiveAt ?? ''),
};

/** What the search box matches: the client's name and its sites' addresses. */
export function matchesSearch(client: ClientView, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || client.name.toLowerCase().includes(q) || client.sites.some((s) => s.url.toLowerCase().includes(q) || s.name.toLowerCase().includes(q));
}

/** «Клиенты» (issue 15): the agency's client accounts, searched and sorted here in the browser. */
@Component({
  selector: 'cp-clients-page',
  imports: [RouterLink, TranslatePipe, ErrorAlert, Icon, LocalDatePipe, OpenClientPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './clients.page.html',
  styleUrl: './clients.page.css',
})
export class ClientsPage implements OnInit {
  private readonly api = inject(AgencyService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly clients = signal<ClientView[] | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly query = signal('');
  protected readonly sort = signal<ClientSort>('name');
  protected readonly descending = signal(false);
  protected readonly columns: ClientSort[] = ['name', 'sites', 'operators', 'plugins', 'lastActive'];

  protected readonly shown = computed(() => {
    const compare = COMPARE[this.sort()];
    const sign = this.descending() ? -1 : 1;
    return (this.clients() ?? [])
      .filter((c) => matchesSearch(c, this.query()))
      .sort((a, b) => sign * compare(a, b) || COMPARE.name(a, b));
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.clients.set(null);
    this.api
      .clients()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.clients.set(list),
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  /** A column's header: sorts by it, or turns the order round when it already sorts. */
  protected sortBy(column: ClientSort): void {
    if (this.sort() === column) this.descending.update((d) => !d);
    else {
      this.sort.set(column);
      this.descending.set(false);
    }
  }

  protected ariaSort(column: ClientSort): 'ascending' | 'descending' | 'none' {
    if (this.sort() !== column) return 'none';
    return this.descending() ? 'descending' : 'ascending';
  }

  protected host(url: string): string {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  }

  protected pluginTitle(plugin: ClientView['plugins'][number]): string {
    return plugin.title[this.i18n.current()] || plugin.title.en || plugin.id;
  }
}
