import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, Icon } from '../../../admin-ui/src/app/plugin-api';
import { GoalHits } from './goal-hits.store';
import { hitTime, shortUrl } from './goal-format';

/** C4: the visitor card's «Цели»: each goal reached, with its time and page, newest first. */
@Component({
  selector: 'cp-goals-card-section',
  imports: [Icon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
    li { display: grid; grid-template-columns: auto 1fr auto; gap: .125rem .5rem; align-items: baseline; font-size: .8125rem; }
    cp-icon { color: var(--success-600, #16a34a); align-self: start; margin-top: .1875rem; }
    /* Two lines before it is cut: a card is narrow, and names like «Нажал «Купить в 1 клик»» are long. */
    .name { font-weight: 600; color: var(--gray-800); min-width: 0; overflow: hidden; overflow-wrap: anywhere; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }
    time { color: var(--gray-500); font-variant-numeric: tabular-nums; }
    a { grid-column: 2 / 4; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--gray-500); }
    p { margin: 0; font-size: .8125rem; color: var(--gray-500); }
  `,
  template: `
    @if (list().length) {
      <ol data-testid="goals-card-list">
        @for (hit of list(); track hit.id) {
          <li data-testid="goals-card-hit">
            <cp-icon name="target" />
            <span class="name" [title]="hit.goalName">{{ hit.goalName }}</span>
            <time [attr.datetime]="hit.at">{{ time(hit.at) }}</time>
            <a [href]="hit.url" target="_blank" rel="noopener noreferrer" [title]="hit.url">{{ short(hit.url) }}</a>
          </li>
        }
      </ol>
    } @else {
      <p data-testid="goals-card-empty">{{ (loading() ? 'goals.card.loading' : 'goals.card.empty') | translate }}</p>
    }
  `,
})
export class GoalsCardSection {
  readonly visitorId = input.required<string>();
  readonly siteId = input<string>();
  private readonly hits = inject(GoalHits);
  private readonly lang = inject(I18nService).current;
  protected readonly loading = signal(true);
  protected readonly list = computed(() => this.hits.of(this.visitorId()));

  constructor() {
    effect(() => {
      const id = this.visitorId();
      this.loading.set(true);
      void this.hits.loadVisitor(id).finally(() => {
        if (this.visitorId() === id) this.loading.set(false);
      });
    });
  }

  protected time(at: string): string {
    return hitTime(at, this.lang());
  }

  protected short(url: string): string {
    return shortUrl(url);
  }
}
