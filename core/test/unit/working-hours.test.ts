import { describe, expect, it } from 'vitest';
import { isWorkingAt, lastEdge, nextEdge, workIntervals, type WorkInterval } from '../../src/time/working-hours.js';

const at = (iso: string) => Date.parse(iso);
const parse = (value: unknown) => workIntervals.safeParse(value);
const messages = (value: unknown) => parse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('working hours: validation (A6)', () => {
  it('accepts periods, sorts them, allows touching ones and 24:00 as an end', () => {
    const result = parse([
      { day: 2, from: '13:00', to: '18:00' },
      { day: 2, from: '09:00', to: '13:00' },
      { day: 7, from: '22:00', to: '24:00' },
      { day: 1, from: '00:00', to: '02:00' },
    ]);
    expect(result.success).toBe(true);
    expect(result.data?.map((i) => `${i.day} ${i.from}`)).toEqual(['1 00:00', '2 09:00', '2 13:00', '7 22:00']);
    expect(parse([]).success).toBe(true);
  });

  it('refuses bad days and times, empty or reversed periods, overlaps and too many, saying which', () => {
    expect(messages([{ day: 0, from: '09:00', to: '18:00' }])).toEqual(['0.day: A day is 1 (Monday) to 7 (Sunday)']);
    expect(messages([{ day: 8, from: '09:00', to: '18:00' }])).toEqual(['0.day: A day is 1 (Monday) to 7 (Sunday)']);
    expect(messages([{ day: 1, from: '9:00', to: '18:00' }])).toEqual(['0.from: A time as HH:MM, from 00:00 to 24:00']);
    expect(messages([{ day: 1, from: '09:00', to: '24:30' }])).toEqual(['0.to: A time as HH:MM, from 00:00 to 24:00']);
    expect(messages([{ day: 1, from: '18:00', to: '09:00' }])).toEqual(['0.to: The end must be later than the start']);
    expect(messages([{ day: 1, from: '09:00', to: '09:00' }])).toEqual(['0.to: The end must be later than the start']);
    expect(messages([{ day: 1, from: '24:00', to: '24:00' }])).toEqual(['0.to: The end must be later than the start']);
    expect(messages([{ day: 3, from: '09:00', to: '13:00' }, { day: 3, from: '12:00', to: '18:00' }])).toEqual([
      '1: Wednesday: 09:00–13:00 and 12:00–18:00 overlap',
    ]);
    expect(messages([{ day: 1, from: '09:00', to: '18:00', note: 'x' }])[0]).toMatch(/note/);
    expect(messages(Array.from({ length: 29 }, (_, i) => ({ day: (i % 7) + 1, from: `0${i % 4}:00`, to: `0${i % 4}:30` })))).toContain(
      ': At most 28 working periods a week',
    );
    expect(parse('09:00-18:00').success).toBe(false);
  });
});

describe('working hours: edges in the account time zone', () => {
  const weekdays: WorkInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
  // 2025-06-02 is a Monday. Vladivostok is UTC+10 all year.
  const zone = 'Asia/Vladivostok';

  it('finds the last and next edge as instants of local wall-clock times', () => {
    const mondayMorning = at('2025-06-02T08:30:00+10:00');
    expect(nextEdge(weekdays, zone, mondayMorning)).toEqual({ at: at('2025-06-02T09:00:00+10:00'), working: true });
    // Before Monday 09:00 the last edge is Friday's end.
    expect(lastEdge(weekdays, zone, mondayMorning)).toEqual({ at: at('2025-05-30T18:00:00+10:00'), working: false });
    expect(lastEdge(weekdays, zone, at('2025-06-02T09:00:00+10:00'))).toEqual({ at: at('2025-06-02T09:00:00+10:00'), working: true });
    expect(nextEdge(weekdays, zone, at('2025-06-06T18:00:00+10:00'))).toEqual({ at: at('2025-06-09T09:00:00+10:00'), working: true });
    // The same instant in UTC is another local day: Sunday 23:30 UTC is Monday 09:30 in Vladivostok.
    expect(lastEdge(weekdays, zone, at('2025-06-01T23:30:00Z'))?.working).toBe(true);
    expect(lastEdge(weekdays, 'UTC', at('2025-06-01T23:30:00Z'))?.working).toBe(false);
  });

  it('makes no edge where periods touch, over Sunday midnight too; a schedule without periods has none', () => {
    const night: WorkInterval[] = [
      { day: 7, from: '22:00', to: '24:00' },
      { day: 1, from: '00:00', to: '06:00' },
      { day: 1, from: '06:00', to: '07:00' },
    ];
    expect(nextEdge(night, zone, at('2025-06-01T21:00:00+10:00'))).toEqual({ at: at('2025-06-01T22:00:00+10:00'), working: true });
    expect(nextEdge(night, zone, at('2025-06-01T23:00:00+10:00'))).toEqual({ at: at('2025-06-02T07:00:00+10:00'), working: false });
    expect(nextEdge([], zone, at('2025-06-01T23:00:00+10:00'))).toBeUndefined();
    expect(lastEdge([], zone, at('2025-06-01T23:00:00+10:00'))).toBeUndefined();
  });

  it('keeps local hours across a daylight-saving change', () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 2025-03-30.
    const monday: WorkInterval[] = [{ day: 1, from: '09:00', to: '18:00' }];
    expect(nextEdge(monday, 'Europe/Berlin', at('2025-03-29T12:00:00Z'))?.at).toBe(at('2025-03-31T07:00:00Z'));
    expect(nextEdge(monday, 'Europe/Berlin', at('2025-03-22T12:00:00Z'))?.at).toBe(at('2025-03-24T08:00:00Z'));
  });
});

describe('working hours: is it working time now (I2 site hours)', () => {
  const zone = 'Asia/Vladivostok';

  it('answers by the latest edge, in the account time zone', () => {
    const weekdays: WorkInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
    expect(isWorkingAt(weekdays, zone, at('2025-06-02T08:59:00+10:00'))).toBe(false);
    expect(isWorkingAt(weekdays, zone, at('2025-06-02T09:00:00+10:00'))).toBe(true);
    expect(isWorkingAt(weekdays, zone, at('2025-06-02T17:59:00+10:00'))).toBe(true);
    expect(isWorkingAt(weekdays, zone, at('2025-06-02T18:00:00+10:00'))).toBe(false);
    expect(isWorkingAt(weekdays, zone, at('2025-06-07T12:00:00+10:00'))).toBe(false);
  });

  it('a week round the clock is always working time, an empty one never', () => {
    const allWeek: WorkInterval[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));
    expect(nextEdge(allWeek, zone, at('2025-06-04T03:00:00Z'))).toBeUndefined();
    expect(isWorkingAt(allWeek, zone, at('2025-06-04T03:00:00Z'))).toBe(true);
    expect(isWorkingAt([], zone, at('2025-06-04T03:00:00Z'))).toBe(false);
  });
});
