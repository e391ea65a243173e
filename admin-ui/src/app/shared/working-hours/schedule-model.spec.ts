import { describe, expect, it } from 'vitest';
import { dayProblems, dayRanges, paint, summary, utcOffset } from './schedule-model';

describe('schedule model', () => {
  it('paints and erases half-hour spans, merging what touches', () => {
    let week = paint([], 1, 9 * 60, 12 * 60, 'paint');
    week = paint(week, 1, 12 * 60, 18 * 60, 'paint');
    expect(week).toEqual([{ day: 1, from: '09:00', to: '18:00' }]);
    week = paint(week, 1, 13 * 60, 14 * 60, 'erase');
    expect(week).toEqual([
      { day: 1, from: '09:00', to: '13:00' },
      { day: 1, from: '14:00', to: '18:00' },
    ]);
    week = paint(week, 2, 23 * 60 + 30, 24 * 60, 'paint');
    expect(week.at(-1)).toEqual({ day: 2, from: '23:30', to: '24:00' });
    expect(paint(week, 1, 0, 24 * 60, 'erase').filter((i) => i.day === 1)).toEqual([]);
  });

  it('names what is wrong with a day as typed', () => {
    const problems = dayProblems([
      { day: 1, from: '9:00', to: '18:00' },
      { day: 2, from: '18:00', to: '09:00' },
      { day: 3, from: '09:00', to: '14:00' },
      { day: 3, from: '13:00', to: '18:00' },
      { day: 4, from: '09:00', to: '13:00' },
      { day: 4, from: '13:00', to: '18:00' },
    ]);
    expect([...problems]).toEqual([
      [1, 'time'],
      [2, 'order'],
      [3, 'overlap'],
    ]);
    expect(dayRanges([{ day: 4, from: '09:00', to: '13:00' }, { day: 4, from: '13:00', to: '18:00' }], 4)).toEqual([[540, 1080]]);
  });

  it('sums a week up by runs of days with the same hours', () => {
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
    expect(summary([...week, { day: 6, from: '10:00', to: '16:00' }])).toEqual([
      { from: 1, to: 5, hours: '09:00–18:00' },
      { from: 6, to: 6, hours: '10:00–16:00' },
    ]);
    expect(summary([{ day: 1, from: '09:00', to: '12:00' }, { day: 3, from: '09:00', to: '12:00' }])).toHaveLength(2);
    expect(summary([])).toEqual([]);
  });

  it('gives a zone\'s UTC offset, and nothing for an unknown zone', () => {
    expect(utcOffset('Asia/Vladivostok', new Date('2025-06-02T00:00:00Z'))).toBe('UTC+10:00');
    expect(utcOffset('UTC')).toBe('UTC');
    expect(utcOffset('Mars/Olympus')).toBe('');
  });
});
