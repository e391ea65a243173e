import { ChangeDetectionStrategy, Component, DestroyRef, type OnInit, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { AuthService, ErrorAlert, errorText, type ErrorText, Icon, LoadError, PRESETS, summary, toApiError, ToastService, utcOffset, WeekEditor, type WorkInterval } from '../../../../admin-ui/src/app/plugin-api';
import { registerChatStrings } from '../ui/chat-i18n';
import { type PersonSchedule, SchedulesService } from './schedules.service';

const sameHours = (a: readonly WorkInterval[], b: readonly WorkInterval[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A6: who works when, in the account's time zone. Pick one person to edit their week, or tick
 * several (admins) to give them all the same hours; the status then follows the hours by itself.
 */
@Component({
  selector: 'cp-schedules-page',
  imports: [TranslatePipe, ErrorAlert, Icon, WeekEditor, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schedules.page.html',
  styleUrl: './schedules.page.css',
})
export class SchedulesPage implements OnInit {
  private readonly api = inject(SchedulesService);
  private readonly toasts = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    // Reached at its own address (not under /p/chat): its words may arrive before the chat's background adds them.
    registerChatStrings();
  }
  protected readonly auth = inject(AuthService);

  protected readonly people = signal<PersonSchedule[] | null>(null);
  protected readonly timezone = signal('');
  protected readonly offset = computed(() => utcOffset(this.timezone()));
  protected readonly loadError = signal<ErrorText | null>(null);

  /** Whose hours the editor shows and saves: one person, or several with the same hours. */
  protected readonly selected = signal<number[]>([]);
  protected readonly draft = signal<WorkInterval[]>([]);
  /** The hours the editor started from, to tell unsaved changes. */
  private readonly base = signal<WorkInterval[]>([]);
  protected readonly dirty = computed(() => !sameHours(this.draft(), this.base()));
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  private readonly editor = viewChild(WeekEditor);

  protected readonly selectedPeople = computed(() => (this.people() ?? []).filter((p) => this.selected().includes(p.userId)));
  protected readonly summaryOf = (p: PersonSchedule) => summary(p.intervals);
  protected readonly presets = PRESETS;

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.people.set(null);
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.timezone.set(view.timezone);
          this.people.set(view.schedules);
          const me = this.auth.user()?.id;
          const first = view.schedules.find((p) => p.userId === me) ?? view.schedules[0];
          if (first) this.open(first);
        },
        error: (err: unknown) => this.loadError.set(errorText(toApiError(err))),
      });
  }

  /** Edits one person's week. */
  open(person: PersonSchedule): void {
    this.selected.set([person.userId]);
    this.startFrom(person.intervals);
  }

  /** Ticks a person in or out of a group that gets the same hours; the editor keeps what it shows. */
  toggle(person: PersonSchedule, checked: boolean): void {
    const ids = this.selected().filter((id) => id !== person.userId);
    this.selected.set(checked ? [...ids, person.userId] : ids);
    if (this.selected().length === 1) {
      const only = this.selectedPeople()[0]!;
      if (!this.dirty()) this.startFrom(only.intervals);
    }
    this.saveError.set(null);
  }

  protected isSelected(person: PersonSchedule): boolean {
    return this.selected().includes(person.userId);
  }

  protected applyPreset(name: keyof typeof PRESETS): void {
    this.draft.set(PRESETS[name].map((i) => ({ ...i })));
  }

  protected clear(): void {
    this.draft.set([]);
  }

  protected reset(): void {
    this.draft.set(this.base().map((i) => ({ ...i })));
    this.saveError.set(null);
  }

  save(): void {
    const ids = this.selected();
    if (!ids.length || this.saving()) return;
    if (this.editor()?.problems().size) {
      this.saveError.set({ key: 'chat.schedules.fixFirst' });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    const request: Observable<PersonSchedule | PersonSchedule[]> = ids.length === 1 ? this.api.save(ids[0]!, this.draft()) : this.api.saveMany(ids, this.draft());
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        const list = Array.isArray(saved) ? saved : [saved];
        const byId = new Map(list.map((p) => [p.userId, p]));
        this.people.update((people) => (people ?? []).map((p) => byId.get(p.userId) ?? p));
        this.startFrom(list[0]?.intervals ?? this.draft());
        this.toasts.show('success', 'chat.schedules.saved', { count: list.length });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.saveError.set(errorText(toApiError(err)));
      },
    });
  }

  private startFrom(intervals: WorkInterval[]): void {
    this.base.set(intervals.map((i) => ({ ...i })));
    this.draft.set(intervals.map((i) => ({ ...i })));
    this.saveError.set(null);
  }
}
