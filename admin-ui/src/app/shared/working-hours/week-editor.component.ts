import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { Icon } from '../icon';
import { DAY_MINUTES, DAYS, SLOT_MINUTES, type WorkInterval, byStart, dayProblems, dayRanges, paint, toMinutes, toTime } from './schedule-model';

interface Drag {
  day: number;
  anchor: number;
  current: number;
  mode: 'paint' | 'erase';
}

const SLOTS = DAY_MINUTES / SLOT_MINUTES;

/**
 * A week of working hours: a row a day with a 24-hour track — press and drag to paint hours, or
 * over painted hours to clear them, half an hour at a time — and the day's periods as times one
 * can type exactly (the keyboard way, and minutes finer than the grid's).
 */
@Component({
  selector: 'cp-week-editor',
  imports: [TranslatePipe, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './week-editor.component.html',
  styleUrl: './week-editor.component.css',
})
export class WeekEditor {
  readonly intervals = model.required<WorkInterval[]>();
  readonly disabled = input(false);

  protected readonly days = DAYS;
  protected readonly hours = [0, 3, 6, 9, 12, 15, 18, 21, 24];
  protected readonly gridLines = Array.from({ length: 23 }, (_, i) => i + 1);
  protected readonly drag = signal<Drag | null>(null);
  readonly problems = computed(() => dayProblems(this.intervals()));

  protected rangesOf(day: number): [number, number][] {
    return dayRanges(this.intervals(), day);
  }

  protected periodsOf(day: number): WorkInterval[] {
    return this.intervals().filter((i) => i.day === day);
  }

  protected pct(minutes: number): number {
    return (minutes / DAY_MINUTES) * 100;
  }

  protected label(range: [number, number]): string {
    return `${toTime(range[0])}–${toTime(range[1])}`;
  }

  /** The dragged span as it would be applied: [start, end) minutes. */
  protected dragSpan(d: Drag): [number, number] {
    return [Math.min(d.anchor, d.current) * SLOT_MINUTES, (Math.max(d.anchor, d.current) + 1) * SLOT_MINUTES];
  }

  protected startDrag(event: PointerEvent, day: number): void {
    if (this.disabled() || event.button !== 0) return;
    const slot = this.slotAt(event);
    const minute = slot * SLOT_MINUTES;
    const painted = this.rangesOf(day).some(([s, e]) => minute >= s && minute < e);
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.drag.set({ day, anchor: slot, current: slot, mode: painted ? 'erase' : 'paint' });
    event.preventDefault();
  }

  protected moveDrag(event: PointerEvent): void {
    const drag = this.drag();
    if (drag) this.drag.set({ ...drag, current: this.slotAt(event) });
  }

  protected endDrag(): void {
    const drag = this.drag();
    if (!drag) return;
    this.drag.set(null);
    const [start, end] = this.dragSpan(drag);
    this.intervals.set(paint(this.intervals(), drag.day, start, end, drag.mode));
  }

  protected cancelDrag(): void {
    this.drag.set(null);
  }

  protected setTime(period: WorkInterval, field: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value.trim();
    this.intervals.set(this.intervals().map((i) => (i === period ? { ...i, [field]: value } : i)));
  }

  protected remove(period: WorkInterval): void {
    this.intervals.set(this.intervals().filter((i) => i !== period));
  }

  /** A new period after the day's last one (or 09:00–18:00 on an empty day). */
  protected add(day: number): void {
    const ranges = this.rangesOf(day);
    const lastEnd = ranges.at(-1)?.[1];
    const from = lastEnd === undefined ? 9 * 60 : Math.min(lastEnd + 60, DAY_MINUTES - 60);
    const to = lastEnd === undefined ? 18 * 60 : Math.min(from + 2 * 60, DAY_MINUTES);
    this.intervals.set([...this.intervals(), { day, from: toTime(from), to: toTime(to) }].sort(byStart));
  }

  protected copyToWeekdays(day: number): void {
    const source = this.periodsOf(day).filter((p) => toMinutes(p.from) < toMinutes(p.to));
    const weekdays = [1, 2, 3, 4, 5].filter((d) => d !== day);
    const others = this.intervals().filter((i) => !weekdays.includes(i.day));
    this.intervals.set([...others, ...weekdays.flatMap((d) => source.map((p) => ({ ...p, day: d })))].sort(byStart));
  }

  private slotAt(event: PointerEvent): number {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const ratio = rect.width > 0 ? (event.clientX - rect.left) / rect.width : 0;
    return Math.min(SLOTS - 1, Math.max(0, Math.floor(ratio * SLOTS)));
  }
}
