import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** One working period of a week day, in the account's time zone: ISO day (1 = Monday), HH:MM. */
export interface WorkInterval {
  day: number;
  from: string;
  to: string;
}

/** The moment a working period starts (`working`) or ends, as an instant. */
export interface ScheduleEdge {
  at: number;
  working: boolean;
}

/** Four periods a day (e.g. split around lunch and an evening shift) is plenty; more is a mistake. */
export const MAX_INTERVALS = 28;
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const time = z.string('A time as HH:MM, from 00:00 to 24:00').regex(TIME, 'A time as HH:MM, from 00:00 to 24:00');
// Refinements run on values that failed their own checks too: compare only what is well formed.
const wellFormed = (i: { day: unknown; from: unknown; to: unknown }): i is WorkInterval =>
  Number.isInteger(i.day) && (i.day as number) >= 1 && (i.day as number) <= 7 && TIME.test(String(i.from)) && TIME.test(String(i.to));
const interval = z
  .object({
    day: z.number().int('A day is 1 (Monday) to 7 (Sunday)').min(1, 'A day is 1 (Monday) to 7 (Sunday)').max(7, 'A day is 1 (Monday) to 7 (Sunday)'),
    from: time,
    to: time,
  })
  .strict()
  .refine((i) => !wellFormed(i) || minutesOf(i.from) < minutesOf(i.to), { message: 'The end must be later than the start', path: ['to'] });

const byStart = (a: WorkInterval, b: WorkInterval) => a.day - b.day || minutesOf(a.from) - minutesOf(b.from);

/**
 * A week's working periods as the API takes them: valid times, each ending after it starts, no two
 * of one day overlapping (touching is fine: 09:00–13:00 and 13:00–18:00 is one stretch), at most
 * MAX_INTERVALS. Sorted by day and start. A period past midnight is two: …–24:00 and 00:00–….
 */
export const workIntervals = z
  .array(interval, 'A list of working periods')
  .max(MAX_INTERVALS, `At most ${MAX_INTERVALS} working periods a week`)
  .superRefine((list, ctx) => {
    const sorted = list
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => wellFormed(item))
      .sort((a, b) => byStart(a.item, b.item));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!.item;
      const { item, index } = sorted[i]!;
      if (prev.day === item.day && minutesOf(prev.to) > minutesOf(item.from)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `${DAY_NAMES[item.day - 1]}: ${prev.from}–${prev.to} and ${item.from}–${item.to} overlap`,
        });
      }
    }
  })
  .transform((list) => [...list].sort(byStart));

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/**
 * Starts and ends of the week's working stretches, in minutes from Monday 00:00. Touching periods
 * make one stretch, also over Sunday midnight: no edge is made where nothing changes.
 */
function weekEdges(intervals: readonly WorkInterval[]): { minute: number; working: boolean }[] {
  const periods = intervals
    .map(({ day, from, to }) => [(day - 1) * DAY_MINUTES + minutesOf(from), (day - 1) * DAY_MINUTES + minutesOf(to)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const stretches: [number, number][] = [];
  for (const [start, end] of periods) {
    const last = stretches.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else stretches.push([start, end]);
  }
  const edges = stretches.flatMap(([start, end]) => [
    { minute: start, working: true },
    { minute: end % WEEK_MINUTES, working: false },
  ]);
  // Only a stretch ending at Sunday 24:00 can meet one starting at Monday 00:00: one moment, no change.
  return edges.filter((e) => !edges.some((o) => o.minute === e.minute && o.working !== e.working));
}

/**
 * The edges from the week before `now` to the week after, as instants: each is a wall-clock time
 * in `zone`, so a period keeps its local hours across daylight-saving changes (a time the change
 * skips moves forward, as luxon resolves it).
 */
function edgesAround(intervals: readonly WorkInterval[], zone: string, now: number): ScheduleEdge[] {
  const edges = weekEdges(intervals);
  if (!edges.length) return [];
  const thisMonday = DateTime.fromMillis(now, { zone }).startOf('week');
  const result: ScheduleEdge[] = [];
  for (const week of [-1, 0, 1]) {
    const monday = thisMonday.plus({ weeks: week });
    for (const { minute, working } of edges) {
      const local = monday
        .plus({ days: Math.floor(minute / DAY_MINUTES) })
        .set({ hour: Math.floor((minute % DAY_MINUTES) / 60), minute: minute % 60 });
      result.push({ at: local.toMillis(), working });
    }
  }
  return result.sort((a, b) => a.at - b.at);
}

/** The latest edge at or before `now`: what the schedule says the status is since then. */
export function lastEdge(intervals: readonly WorkInterval[], zone: string, now: number): ScheduleEdge | undefined {
  return edgesAround(intervals, zone, now).findLast((edge) => edge.at <= now);
}

/** The first edge after `now`: when the schedule next changes the status. */
export function nextEdge(intervals: readonly WorkInterval[], zone: string, now: number): ScheduleEdge | undefined {
  return edgesAround(intervals, zone, now).find((edge) => edge.at > now);
}

/**
 * Whether `at` falls in a working period (I2 site hours). A week with no edges is either empty
 * (never) or one stretch round the clock (always): touching periods over Sunday midnight merge.
 */
export function isWorkingAt(intervals: readonly WorkInterval[], zone: string, at: number): boolean {
  const edge = lastEdge(intervals, zone, at);
  return edge ? edge.working : intervals.length > 0;
}
