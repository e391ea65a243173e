/** A hit's time as operators read it: the clock today, the date and clock before. */
export function hitTime(at: string, locale: 'ru' | 'en', now: Date = new Date()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const tag = locale === 'en' ? 'en-GB' : 'ru-RU';
  const clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' }).format(date);
  if (date.toDateString() === now.toDateString()) return clock;
  return `${new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }).format(date)}, ${clock}`;
}

/** A page address without its scheme, short enough for a list. */
export function shortUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');
}
