import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, ErrorAlert, type ErrorText, Icon, LeaveConfirmation, type LeavesSafely, ToastService, errorText, toApiError } from '../../../admin-ui/src/app/plugin-api';
import { GOALS_PER_SITE, type GoalType, type UrlMatch } from '../shared/goals.protocol';
import { type DraftField, type FieldMessage, type GoalDraft, draftProblems, emptyDraft, placeServerFields, toDraft, toGoal } from './goal-drafts';
import { GoalsApi } from './goals-api.service';

const TYPES: readonly GoalType[] = ['click', 'url', 'form', 'event'];
const MATCHES: readonly UrlMatch[] = ['exact', 'prefix', 'wildcard'];

/** The server's own words per field of a refused save (in the request's language), or none. */
function serverFields(err: unknown): Record<string, string> {
  const body: unknown = err instanceof HttpErrorResponse ? err.error : null;
  const fields = (body as { error?: { fields?: unknown } } | null)?.error?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Sites → Settings → «Цели» (G1): the site's goals — a click on an element, a page visited, a form
 * submitted, a JavaScript event — created, edited and deleted in a list, saved at once
 * (`PUT /api/plugins/goals/settings/sites/:siteId`). What the page can check itself (a selector the
 * browser cannot parse, a bad event name) it says before saving; the server's refusal of a field
 * shows next to that field. Leaving with unsaved edits asks first.
 */
@Component({
  selector: 'cp-goals-settings-page',
  imports: [NgTemplateOutlet, TranslatePipe, Icon, ErrorAlert, ConfirmDialog],
  providers: [GoalsApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './goals-settings.page.css',
  templateUrl: './goals-settings.page.html',
  host: { '(window:beforeunload)': 'leave.beforeUnload($event)' },
})
export class GoalsSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  private readonly api = inject(GoalsApi);
  private readonly toasts = inject(ToastService);

  protected readonly types = TYPES;
  protected readonly matches = MATCHES;
  protected readonly max = GOALS_PER_SITE;
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly drafts = signal<GoalDraft[]>([]);
  private readonly saved = signal('[]');
  protected readonly dirty = computed(() => this.state() === 'ready' && JSON.stringify(this.drafts().map(toGoal)) !== this.saved());

  protected readonly saving = signal(false);
  protected readonly justSaved = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  /** The server's words not about one field (shown above the save button). */
  protected readonly serverNotes = signal<string[]>([]);
  /** Client problems show once a save was tried, so a new empty goal is not red at once. */
  private readonly attempted = signal(false);
  private readonly problems = computed(() => draftProblems(this.drafts()));
  private readonly serverProblems = signal(new Map<number, Partial<Record<DraftField, FieldMessage>>>());

  private readonly leaveDialog = viewChild(ConfirmDialog);
  protected readonly leave = new LeaveConfirmation(() => this.leaveDialog(), () => this.dirty());
  private readonly reload = signal(0);

  constructor() {
    effect(() => {
      const id = this.siteId();
      this.reload();
      untracked(() => void this.load(id));
    });
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected add(): void {
    if (this.drafts().length >= GOALS_PER_SITE) return;
    this.drafts.update((list) => [...list, emptyDraft()]);
    this.justSaved.set(false);
  }

  protected remove(index: number): void {
    this.drafts.update((list) => list.filter((_, i) => i !== index));
    // The server's messages name goals by position: after a removal they would point at others.
    this.serverProblems.set(new Map());
    this.justSaved.set(false);
  }

  protected edit(index: number, field: DraftField, value: string): void {
    this.drafts.update((list) => list.map((d, i) => (i === index ? { ...d, [field]: value } : d)));
    const server = this.serverProblems().get(index);
    if (server?.[field]) {
      const { [field]: _gone, ...rest } = server;
      void _gone;
      this.serverProblems.update((all) => new Map(all).set(index, rest));
    }
    this.justSaved.set(false);
  }

  /** The message under a field: the server's, else the page's own once a save was tried. */
  protected messageOf(index: number, field: DraftField): FieldMessage | null {
    return this.serverProblems().get(index)?.[field] ?? (this.attempted() ? (this.problems().get(index)?.[field] ?? null) : null);
  }

  protected snippet(event: string): string {
    return `Callpy.track('${event.trim() || 'add_to_cart'}', { sum: 1200 })`;
  }

  protected async save(): Promise<void> {
    if (this.saving() || this.state() !== 'ready') return;
    this.attempted.set(true);
    this.serverNotes.set([]);
    if (this.problems().size) {
      this.saveError.set({ key: 'goals.settings.fixFields' });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.serverProblems.set(new Map());
    try {
      const goals = await this.api.saveGoals(this.siteId(), this.drafts().map(toGoal));
      this.fill(goals.map(toDraft));
      this.justSaved.set(true);
      this.toasts.show('success', 'goals.settings.savedToast');
    } catch (err) {
      const { placed, unplaced } = placeServerFields(serverFields(err));
      this.serverProblems.set(placed);
      this.serverNotes.set(unplaced);
      this.saveError.set(placed.size && !unplaced.length ? { key: 'goals.settings.fixFields' } : errorText(toApiError(err)));
    } finally {
      this.saving.set(false);
    }
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.leave.confirm();
  }

  private async load(siteId: string): Promise<void> {
    this.state.set('loading');
    try {
      const goals = await this.api.goals(siteId);
      if (this.siteId() !== siteId) return;
      this.fill(goals.map(toDraft));
      this.state.set('ready');
    } catch (err) {
      this.loadError.set(errorText(toApiError(err)));
      this.state.set('error');
    }
  }

  /** The list as the server has it: that is the unchanged state. */
  private fill(drafts: GoalDraft[]): void {
    this.drafts.set(drafts);
    this.saved.set(JSON.stringify(drafts.map(toGoal)));
    this.attempted.set(false);
    this.serverProblems.set(new Map());
    this.saveError.set(null);
  }
}
