import { describe, expect, it } from 'vitest';
import { fileSize } from '../../shared/file-size';
import { currentVisit, dayLabel, duration, initials, matches, shortStamp, timeOnSite } from './format';

const at = (iso: string) => iso;

describe('format', () => {
  it('a visit is the run of page views without a 30-minute gap', () => {
    const pages = [
      { url: 'u1', title: 'Вчера', referrer: '', at: at('2026-03-01T09:00:00Z'), leftAt: at('2026-03-01T09:05:00Z') },
      { url: 'u2', title: 'Главная', referrer: 'https://ya.ru/', at: at('2026-03-02T10:00:00Z'), leftAt: at('2026-03-02T10:03:00Z') },
      { url: 'u3', title: 'Каталог', referrer: '', at: at('2026-03-02T10:20:00Z'), leftAt: null },
    ];
    expect(currentVisit({ pages }).map((p) => p.url)).toEqual(['u2', 'u3']);
    expect(currentVisit({ pages: [] })).toEqual([]);
    const now = Date.parse('2026-03-02T10:45:00Z');
    expect(timeOnSite({ pages, activity: 'active', lastSeenAt: '2026-03-02T10:30:00Z', firstSeenAt: '2026-03-01T09:00:00Z' }, now)).toBe(45 * 60_000);
    // Left: counted until the visitor was last seen.
    expect(timeOnSite({ pages, activity: 'left', lastSeenAt: '2026-03-02T10:30:00Z', firstSeenAt: '2026-03-01T09:00:00Z' }, now)).toBe(30 * 60_000);
  });

  it('durations, sizes and initials read naturally in both languages', () => {
    expect(duration(30_000, 'ru')).toBe('1 мин');
    expect(duration(80 * 60_000, 'en')).toBe('1 hr 20 mins');
    expect(duration(80 * 60_000, 'ru')).toBe('1 ч 20 мин');
    expect(fileSize(96_512, 'ru')).toBe('94\u00a0КБ');
    expect(fileSize(1.5 * 1024 * 1024, 'en')).toBe('1.5\u00a0MB');
    expect(initials('Синий Кит · Москва')).toBe('СК');
    expect(initials('  ')).toBe('?');
  });

  it('day labels: today, yesterday, then the date; list stamps: time today, date before', () => {
    const now = new Date(2026, 2, 12, 15, 0).getTime();
    expect(dayLabel(new Date(2026, 2, 12, 9, 0).toISOString(), 'ru', now)).toBe('Сегодня');
    expect(dayLabel(new Date(2026, 2, 11, 23, 0).toISOString(), 'en', now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 2, 1, 9, 0).toISOString(), 'ru', now)).toBe('1 марта 2026 г.');
    expect(shortStamp(new Date(2026, 2, 12, 9, 5).toISOString(), 'ru', now)).toBe('09:05');
    expect(shortStamp(new Date(2026, 2, 1, 9, 5).toISOString(), 'en', now)).toBe('1 Mar');
    expect(shortStamp('not a date', 'ru', now)).toBe('');
  });

  it('matches: case-insensitive "contains" over several texts; an empty query matches all', () => {
    expect(matches('ДОСТАВКА', 'Бесплатная доставка')).toBe(true);
    expect(matches('оплата', 'Напоминание', 'про доставку')).toBe(false);
    expect(matches('  ', 'x')).toBe(true);
  });
});
