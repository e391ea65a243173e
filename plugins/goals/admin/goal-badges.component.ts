import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, Icon } from '../../../admin-ui/src/app/plugin-api';
import { GoalHits } from './goal-hits.store';
import { hitTime } from './goal-format';

/** Shown icons at most; the rest is a "+N". */
const SHOWN = 3;

/**
 * C3: one icon per goal the visitor reached (the latest hit of each), its tooltip the goal's name,
 * time and page. In the visitors list and the dialog list (there with the dialog's id, unused).
 */
@Component({
  selector: 'cp-goal-badges',
  imports: [Icon, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: inline-flex; align-items: center; gap: .125rem; color: var(--success-600, #16a34a); }
    .goal { display: inline-flex; font-size: .8125rem; }
    .more { font-size: .6875rem; font-weight: 600; color: var(--gray-500); }
  `,
  template: `
    @for (hit of shown(); track hit.goalId) {
      <span class="goal" data-testid="goal-badge" [attr.data-goal-id]="hit.goalId" role="img"
        [title]="'goals.badge' | translate: { name: hit.goalName, time: time(hit.at), url: hit.url }"
        [attr.aria-label]="'goals.badge' | translate: { name: hit.goalName, time: time(hit.at), url: hit.url }">
        <cp-icon name="target" />
      </span>
    }
    @if (rest(); as count) { <span class="more" [title]="'goals.more' | translate: { count }">+{{ count }}</span> }
  `,
})
export class GoalBadges {
  readonly visitorId = input.required<string>();
  readonly dialogId = input<string>();
  private readonly hits = inject(GoalHits);
  private readonly lang = inject(I18nService).current;

  /** The newest hit of each goal, newest first. */
  private readonly latest = computed(() => {
    const seen = new Set<string>();
    return this.hits.of(this.visitorId()).filter((hit) => !seen.has(hit.goalId) && seen.add(hit.goalId));
  });
  protected readonly shown = computed(() => this.latest().slice(0, SHOWN));
  protected readonly rest = computed(() => Math.max(0, this.latest().length - SHOWN));

  protected time(at: string): string {
    return hitTime(at, this.lang());
  }
}
