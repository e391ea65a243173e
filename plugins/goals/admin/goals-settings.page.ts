import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, ErrorAlert, Icon, type LeavesSafely, LoadError, PluginSettingsForm, ReadOnlyNote, serverFieldTexts } from '../../../admin-ui/src/app/plugin-api';
import { GOALS_PER_SITE, type Goal, type GoalType, type UrlMatch } from '../shared/goals.protocol';
import { type DraftField, type FieldMessage, type GoalDraft, draftProblems, emptyDraft, placeServerFields, toDraft, toGoal } from './goal-drafts';
import { GoalsApi } from './goals-api.service';
import { registerGoalsStrings } from './goals-i18n';

const TYPES: readonly GoalType[] = ['click', 'url', 'form', 'event'];
const MATCHES: readonly UrlMatch[] = ['exact', 'prefix', 'wildcard'];

/**
 * Sites → Settings → «Цели» (G1): the site's goals — a click on an element, a page visited, a form
 * submitted, a JavaScript event — created, edited and deleted in a list, saved at once
 * (`PUT /api/plugins/goals/settings/sites/:siteId`). What the page can check itself (a selector the
 * browser cannot parse, a bad event name) it says before saving; the server's refusal of a field
 * shows next to that field. Leaving with unsaved edits asks first.
 */
@Component({
  selector: 'cp-goals-settings-page',
  imports: [NgTemplateOutlet, TranslatePipe, Icon, ErrorAlert, ConfirmDialog, LoadError, ReadOnlyNote],
  providers: [GoalsApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './goals-settings.page.css',
  templateUrl: './goals-settings.page.html',
})
export class GoalsSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  private readonly api = inject(GoalsApi);

  constructor() {
    // Its words, also where no goals background runs (a client's site in the agency console).
    registerGoalsStrings();
  }

  protected readonly types = TYPES;
  protected readonly matches = MATCHES;
  protected readonly max = GOALS_PER_SITE;
  protected readonly drafts = signal<GoalDraft[]>([]);
  /** Client problems show once a save was tried, so a new empty goal is not red at once. */
  private readonly attempted = signal(false);
  private readonly problems = computed(() => draftProblems(this.drafts()));
  private readonly serverProblems = signal(new Map<number, Partial<Record<DraftField, FieldMessage>>>());
  private readonly leaveDialog = viewChild(ConfirmDialog);

  protected readonly settings = new PluginSettingsForm<Goal[]>({
    siteId: this.siteId,
    load: (siteId) => this.api.goals(siteId),
    save: (siteId, goals) => this.api.saveGoals(siteId, goals),
    value: () => this.drafts().map(toGoal),
    show: (goals) => {
      this.drafts.set(goals.map(toDraft));
      this.attempted.set(false);
      this.serverProblems.set(new Map());
    },
    valid: () => {
      this.attempted.set(true);
      return !this.problems().size;
    },
    placeServerFields: (err) => {
      const { placed, unplaced } = placeServerFields(serverFieldTexts(err));
      this.serverProblems.set(placed);
      return { placed: placed.size > 0, unplaced };
    },
    texts: { fixFields: 'goals.settings.fixFields', savedToast: 'goals.settings.savedToast' },
    leaveDialog: () => this.leaveDialog(),
  });

  protected add(): void {
    if (this.drafts().length >= GOALS_PER_SITE) return;
    this.drafts.update((list) => [...list, emptyDraft()]);
    this.settings.edited();
  }

  protected remove(index: number): void {
    this.drafts.update((list) => list.filter((_, i) => i !== index));
    // The server's messages name goals by position: after a removal they would point at others.
    this.serverProblems.set(new Map());
    this.settings.edited();
  }

  protected edit(index: number, field: DraftField, value: string): void {
    this.drafts.update((list) => list.map((d, i) => (i === index ? { ...d, [field]: value } : d)));
    const server = this.serverProblems().get(index);
    if (server?.[field]) {
      const { [field]: _gone, ...rest } = server;
      void _gone;
      this.serverProblems.update((all) => new Map(all).set(index, rest));
    }
    this.settings.edited();
  }

  /** The message under a field: the server's, else the page's own once a save was tried. */
  protected messageOf(index: number, field: DraftField): FieldMessage | null {
    return this.serverProblems().get(index)?.[field] ?? (this.attempted() ? (this.problems().get(index)?.[field] ?? null) : null);
  }

  protected snippet(event: string): string {
    return `Callpy.track('${event.trim() || 'add_to_cart'}', { sum: 1200 })`;
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.settings.confirmLeave();
  }
}
