import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { toApiError } from '../../core/api-error';
import type { ClientView } from '../../core/api.types';
import { I18nService } from '../../core/i18n.service';
import { LoadError } from '../../shared/load-error';
import { type ErrorText, errorText } from '../../shared/error-text';
import { Icon } from '../../shared/icon';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { AgencyService } from './agency.service';
import { OpenClientPanel } from './open-client-panel';

type FixedSort = 'name' | 'sites' | 'operators' | 'plugins' | 'lastActive';
/** A fixed column, or a plugin's figure (`figure:<id>`, e.g. the chat's dialogs this month). */
export type ClientSort = FixedSort | `figure:${string}`;

/** How each fixed column compares two clients (ascending); ties keep the name order. */
const COMPARE: Record<FixedSort, (a: ClientView, b: ClientView) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  sites: (a, b) => a.sites.length - b.sites.length,
  operators: (a, b) => a.operators.used - b.operators.used,
  plugins: (a, b) => a.plugins.length - b.plugins.length,
  lastActive: (a, b) => (a.lastActiveAt ?? '').localeCompare(b.lastActiveAt ?? ''),
};

const FIGURE = 'figure:';
const figureValue = (client: ClientView, id: string) => client.figures.find((f) => f.id === id)?.value ?? 0;
const compareBy = (sort: ClientSort) =>
  sort.startsWith(FIGURE) ? (a: ClientView, b: ClientView) => figureValue(a, sort.slice(FIGURE.length)) - figureValue(b, sort.slice(FIGURE.length)) : COMPARE[sort as FixedSort];

/** What the search box matches: the client's name and its sites' addresses. */
export function matchesSearch(client: ClientView, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || client.name.toLowerCase().includes(q) || client.sites.some((s) => s.url.toLowerCase().includes(q) || s.name.toLowerCase().includes(q));
}

/** «Клиенты» (issue 15): the agency's client accounts, searched and sorted here in the browser. */
@Component({
  selector: 'cp-clients-page',
  imports: [RouterLink, TranslatePipe, Icon, LocalDatePipe, LoadError, OpenClientPanel],
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
  /** The plugins' figures, the same for every client: a column each, before the last activity. */
  protected readonly figures = computed(() => this.clients()?.[0]?.figures ?? []);
  protected readonly columns = computed<ClientSort[]>(() => ['name', 'sites', 'operators', 'plugins', ...this.figures().map((f) => `${FIGURE}${f.id}` as const), 'lastActive']);

  protected readonly shown = computed(() => {
    const compare = compareBy(this.sort());
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

  /** A figure column's heading, in the panel's language; undefined for a fixed column. */
  protected figureTitle(column: ClientSort): string | undefined {
    const figure = column.startsWith(FIGURE) ? this.figures().find((f) => `${FIGURE}${f.id}` === column) : undefined;
    return figure && (figure.title[this.i18n.current()] || figure.title.en);
  }

  protected pluginTitle(plugin: ClientView['plugins'][number]): string {
    return plugin.title[this.i18n.current()] || plugin.title.en || plugin.id;
  }
}
