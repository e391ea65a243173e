import { Pipe, type PipeTransform } from '@angular/core';
import type { PageView, VisitorDto } from '../../shared/chat.protocol';
import { fileSize } from '../../shared/file-size';

/** A pause longer than this between two page views starts a new visit. */
const VISIT_GAP_MS = 30 * 60_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function tag(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'ru-RU';
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "14:05" */
export function clockTime(iso: string | null | undefined, locale: string): string {
  const d = parse(iso);
  return d ? new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit' }).format(d) : '';
}

/** A list's time column: the time today, the date otherwise. */
export function shortStamp(iso: string | null | undefined, locale: string, now: number): string {
  const d = parse(iso);
  if (!d) return '';
  if (new Date(now).toDateString() === d.toDateString()) return clockTime(iso, locale);
  const sameYear = new Date(now).getFullYear() === d.getFullYear();
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(d);
}

/** A day separator: "Today", "Yesterday", or the date. */
export function dayLabel(iso: string, locale: string, now: number): string {
  const d = parse(iso);
  if (!d) return '';
  const days = Math.round((startOfDay(now) - startOfDay(d.getTime())) / DAY);
  if (days === 0 || days === 1) {
    const word = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' }).format(-days, 'day');
    return word.charAt(0).toUpperCase() + word.slice(1);
  }
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** "12 March 2026, 14:05" */
export function fullStamp(iso: string | null | undefined, locale: string): string {
  const d = parse(iso);
  return d ? new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d) : '';
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "4 min", "1 h 20 min" (at least a minute). */
export function duration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.floor(ms / MINUTE));
  const unit = (value: number, name: 'hour' | 'minute') => new Intl.NumberFormat(tag(locale), { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const hours = Math.floor(minutes / 60);
  return hours ? `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}` : unit(minutes, 'minute');
}

/** The page views of the visitor's current (or last) visit, oldest first. */
export function currentVisit(visitor: Pick<VisitorDto, 'pages'>): PageView[] {
  const pages = visitor.pages;
  let start = pages.length - 1;
  while (start > 0) {
    const prev = pages[start - 1]!;
    const gapFrom = Date.parse(prev.leftAt ?? prev.at);
    if (Date.parse(pages[start]!.at) - gapFrom > VISIT_GAP_MS) break;
    start--;
  }
  return start < 0 ? [] : pages.slice(start);
}

/** How long the current visit has lasted (until now, or until the visitor left). */
export function timeOnSite(visitor: Pick<VisitorDto, 'pages' | 'activity' | 'lastSeenAt' | 'firstSeenAt'>, now: number): number {
  const visit = currentVisit(visitor);
  const start = Date.parse(visit[0]?.at ?? visitor.firstSeenAt);
  const end = visitor.activity === 'left' ? Date.parse(visitor.lastSeenAt) : now;
  return Math.max(0, end - start);
}

/** Case-insensitive "contains", for filtering as the operator types. */
export function matches(query: string, ...texts: string[]): boolean {
  const q = query.trim().toLocaleLowerCase();
  return !q || texts.some((t) => t.toLocaleLowerCase().includes(q));
}

/** Initials for an avatar: "Анна Смирнова" → "АС". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

@Pipe({ name: 'clockTime' })
export class ClockTimePipe implements PipeTransform {
  transform(iso: string | null | undefined, locale: string): string {
    return clockTime(iso, locale);
  }
}

@Pipe({ name: 'shortStamp' })
export class ShortStampPipe implements PipeTransform {
  transform(iso: string | null | undefined, locale: string, now: number): string {
    return shortStamp(iso, locale, now);
  }
}

@Pipe({ name: 'fullStamp' })
export class FullStampPipe implements PipeTransform {
  transform(iso: string | null | undefined, locale: string): string {
    return fullStamp(iso, locale);
  }
}

@Pipe({ name: 'fileSize' })
export class FileSizePipe implements PipeTransform {
  transform(bytes: number, locale: string): string {
    return fileSize(bytes, locale);
  }
}

@Pipe({ name: 'initials' })
export class InitialsPipe implements PipeTransform {
  transform(name: string): string {
    return initials(name);
  }
}
