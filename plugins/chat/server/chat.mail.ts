import { escapeHtml } from '../../../core/src/mail/mail-templates.js';
import type { Mail } from '../../../core/src/mail/mailer.js';
import type { Locale } from '../../../core/src/content/content.types.js';
import type { MessageDto } from '../shared/chat.protocol.js';

const T = {
  offline: { ru: 'Сообщение из офлайн-формы', en: 'Message from the offline form' },
  transcript: { ru: 'Переписка с сайта', en: 'Chat transcript' },
  name: { ru: 'Имя', en: 'Name' },
  phone: { ru: 'Телефон', en: 'Phone' },
  site: { ru: 'Сайт', en: 'Site' },
};

/** H6: a message left while nobody was online, to the site's addresses. */
export function offlineMail(to: string, locale: Locale, site: string, form: { name: string; email: string; phone?: string | undefined; text: string }): Mail {
  const lines = [`${T.site[locale]}: ${site}`, `${T.name[locale]}: ${form.name}`, `E-mail: ${form.email}`, `${T.phone[locale]}: ${form.phone ?? ''}`, '', form.text];
  return {
    to,
    subject: `${T.offline[locale]}: ${form.name}`,
    text: lines.join('\n'),
    html: `<div style="font-family:Arial,sans-serif">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`,
  };
}

/** C16: the dialog's messages, by time and author. */
export function transcriptMail(to: string, locale: Locale, site: string, messages: MessageDto[]): Mail {
  // A file-only message still says what was sent: its files' names and links follow the text.
  const files = (m: MessageDto) => m.attachments.map((a) => `📎 ${a.name} <${a.url}>`);
  const line = (m: MessageDto) => `[${new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ')}] ${m.author.name || '—'}: ${[m.text, ...files(m)].filter(Boolean).join(' ')}`;
  return {
    to,
    subject: `${T.transcript[locale]}: ${site}`,
    text: messages.map(line).join('\n'),
    html: `<div style="font-family:Arial,sans-serif">${messages.map((m) => `<p>${escapeHtml(line(m))}</p>`).join('')}</div>`,
  };
}
