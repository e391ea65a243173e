import { DateTime, IANAZone } from 'luxon';
import { escapeHtml, type Locale, type Mail } from '../../../core/src/index.js';
import type { MessageDto } from '../shared/chat.protocol.js';

const T = {
  offline: { ru: 'Сообщение из офлайн-формы', en: 'Message from the offline form' },
  transcript: { ru: 'Переписка с сайта', en: 'Chat transcript' },
  name: { ru: 'Имя', en: 'Name' },
  phone: { ru: 'Телефон', en: 'Phone' },
  site: { ru: 'Сайт', en: 'Site' },
  sent: { ru: 'Отправлено', en: 'Sent' },
  zone: { ru: 'Время указано в поясе', en: 'Times are in' },
};

/**
 * Wall-clock times of the account's time zone (AccountRecord.timezone, IANA), the way its people
 * read them; a zone the CMS holds that luxon does not know falls back to UTC rather than failing a mail.
 */
export class MailClock {
  readonly zone: string;

  constructor(timezone: string | undefined) {
    this.zone = timezone && IANAZone.isValidZone(timezone) ? timezone : 'UTC';
  }

  /** "02.12.2026 14:05" in the zone. */
  stamp(at: number | string): string {
    return this.at(at).toFormat('dd.MM.yyyy HH:mm');
  }

  /** "Europe/Moscow, UTC+3" — the offset of that moment, so a summer mail says summer time. */
  label(at: number | string): string {
    return `${this.zone}, UTC${this.at(at).toFormat('Z')}`;
  }

  private at(at: number | string): DateTime {
    return (typeof at === 'number' ? DateTime.fromMillis(at) : DateTime.fromISO(at)).setZone(this.zone);
  }
}

const html = (lines: string[]) => `<div style="font-family:Arial,sans-serif">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`;

/** H6: a message left while nobody was online, to the site's addresses. */
export function offlineMail(
  to: string,
  locale: Locale,
  site: string,
  form: { name: string; email: string; phone?: string | undefined; text: string },
  sentAt: number,
  clock: MailClock,
): Mail {
  const lines = [
    `${T.site[locale]}: ${site}`,
    `${T.sent[locale]}: ${clock.stamp(sentAt)} (${clock.label(sentAt)})`,
    `${T.name[locale]}: ${form.name}`,
    `E-mail: ${form.email}`,
    `${T.phone[locale]}: ${form.phone ?? ''}`,
    '',
    form.text,
  ];
  return { to, subject: `${T.offline[locale]}: ${form.name}`, text: lines.join('\n'), html: html(lines) };
}

/** C16: the dialog's messages, by time and author, the zone named once above them. */
export function transcriptMail(to: string, locale: Locale, site: string, messages: MessageDto[], clock: MailClock): Mail {
  // A file-only message still says what was sent: its files' names and links follow the text.
  const files = (m: MessageDto) => m.attachments.map((a) => `📎 ${a.name} <${a.url}>`);
  const line = (m: MessageDto) => `[${clock.stamp(m.createdAt)}] ${m.author.name || '—'}: ${[m.text, ...files(m)].filter(Boolean).join(' ')}`;
  const first = messages[0]?.createdAt ?? Date.now();
  const lines = [`${T.zone[locale]}: ${clock.label(first)}`, ...messages.map(line)];
  return { to, subject: `${T.transcript[locale]}: ${site}`, text: lines.join('\n'), html: html(lines) };
}
