/** Byte units as the panel and the widget both write them. */
const UNITS = { ru: ['Б', 'КБ', 'МБ'], en: ['B', 'KB', 'MB'] } as const;

/**
 * A file's size in the reader's language — "512 B", "51 KB", "2,5 МБ" — the one format of the
 * panel and the widget (issue 9, item 10): one decimal below 10 KB/MB, whole numbers above.
 */
export function fileSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < 2) {
    value /= 1024;
    unit++;
  }
  const digits = unit && value < 10 ? 1 : 0;
  const lang = locale === 'en' ? 'en' : 'ru';
  return `${value.toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: digits })}\u00a0${UNITS[lang][unit]}`;
}
