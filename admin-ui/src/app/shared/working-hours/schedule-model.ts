/** One working period of a week day: ISO day (1 = Monday … 7 = Sunday), HH:MM to HH:MM (24:00 ends a day). */
export interface WorkInterval {
  day: number;
  from: string;
  to: string;
}

export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const DAY_MINUTES = 24 * 60;
/** What one click or drag on the grid paints: half an hour. */
export const SLOT_MINUTES = 30;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

type Range = [start: number, end: number];

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const toTime = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const isWellFormed = (i: WorkInterval) => TIME.test(i.from) && TIME.test(i.to) && toMinutes(i.from) < toMinutes(i.to);

/** A day's well-formed periods as merged, sorted minute ranges (what the grid draws). */
export function dayRanges(intervals: readonly WorkInterval[], day: number): Range[] {
  const ranges = intervals
    .filter((i) => i.day === day && isWellFormed(i))
    .map((i): Range => [toMinutes(i.from), toMinutes(i.to)])
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

const toInterval = (day: number) => ([start, end]: Range): WorkInterval => ({ day, from: toTime(start), to: toTime(end) });

/** Paints (adds) or erases [start, end) of a day; the day's periods come back merged and sorted. */
export function paint(intervals: readonly WorkInterval[], day: number, start: number, end: number, mode: 'paint' | 'erase'): WorkInterval[] {
  const current = dayRanges(intervals, day);
  const kept =
    mode === 'paint'
      ? [...current, [start, end] as Range]
      : current.flatMap(([s, e]): Range[] => [...(s < start ? [[s, Math.min(e, start)] as Range] : []), ...(e > end ? [[Math.max(s, end), e] as Range] : [])]);
  const periods = dayRanges(kept.map(toInterval(day)), day).map(toInterval(day));
  return [...intervals.filter((i) => i.day !== day), ...periods].sort(byStart);
}

export const byStart = (a: WorkInterval, b: WorkInterval) => a.day - b.day || a.from.localeCompare(b.from);

export type DayProblem = 'time' | 'order' | 'overlap';

/** What is wrong with each day's periods as typed (the same rules the server applies). */
export function dayProblems(intervals: readonly WorkInterval[]): Map<number, DayProblem> {
  const problems = new Map<number, DayProblem>();
  for (const day of DAYS) {
    const own = intervals.filter((i) => i.day === day);
    if (own.some((i) => !TIME.test(i.from) || !TIME.test(i.to))) problems.set(day, 'time');
    else if (own.some((i) => toMinutes(i.from) >= toMinutes(i.to))) problems.set(day, 'order');
    else {
      const sorted = [...own].sort(byStart);
      if (sorted.some((i, n) => n > 0 && toMinutes(sorted[n - 1]!.to) > toMinutes(i.from))) problems.set(day, 'overlap');
    }
  }
  return problems;
}

/** Consecutive days with the same hours, for a one-line summary ("Mon–Fri 09:00–18:00"). */
export interface SummaryGroup {
  from: number;
  to: number;
  hours: string;
}

export function summary(intervals: readonly WorkInterval[]): SummaryGroup[] {
  const groups: SummaryGroup[] = [];
  for (const day of DAYS) {
    const hours = dayRanges(intervals, day)
      .map(([s, e]) => `${toTime(s)}–${toTime(e)}`)
      .join(', ');
    if (!hours) continue;
    const last = groups.at(-1);
    if (last && last.to === day - 1 && last.hours === hours) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  return groups;
}

/** Ready-made weeks an admin starts from. */
export const PRESETS: Record<'weekdays' | 'everyDay', WorkInterval[]> = {
  weekdays: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  everyDay: DAYS.map((day) => ({ day, from: '09:00', to: '21:00' })),
};

/** "UTC+10:00" for an IANA zone now; empty when the browser does not know the zone. */
export function utcOffset(zone: string, at = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    return name ? name.replace(/^GMT(\+00:00)?$/, 'UTC').replace(/^GMT/, 'UTC') : '';
  } catch {
    return '';
  }
}
