import type { Locale } from '../content/content.types.js';
import type { Mail } from './mailer.js';

/** Escapes text for the HTML part; every value that came from a user goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, paragraphs: string[], button: { label: string; url: string }): string {
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1f2937;line-height:1.5">
<h2 style="color:#0f766e">${escapeHtml(title)}</h2>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(button.url)}" style="display:inline-block;background:#0f766e;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p>
<p style="color:#6b7280;font-size:12px">${escapeHtml(button.url)}</p>
</body></html>`;
}

const texts = {
  reset: {
    ru: {
      subject: 'Callpy: восстановление пароля',
      lines: ['Вы запросили восстановление пароля.', 'Ссылка действует 1 час. Если это были не вы, просто проигнорируйте письмо.'],
      button: 'Задать новый пароль',
    },
    en: {
      subject: 'Callpy: reset your password',
      lines: ['You asked to reset your password.', 'The link works for 1 hour. If it was not you, ignore this e-mail.'],
      button: 'Set a new password',
    },
  },
  invitation: {
    ru: {
      subject: 'Приглашение в Callpy',
      lines: ['Вас пригласили стать менеджером аккаунта «{account}» в Callpy.', 'Ссылка действует 7 дней.'],
      button: 'Принять приглашение',
    },
    en: {
      subject: 'Your invitation to Callpy',
      lines: ['You have been invited to join the account “{account}” on Callpy as a manager.', 'The link works for 7 days.'],
      button: 'Accept the invitation',
    },
  },
} as const;

export function mailFor(
  kind: keyof typeof texts,
  locale: Locale,
  to: string,
  url: string,
  vars: Record<string, string> = {},
): Mail {
  const t = texts[kind][locale];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  const lines = t.lines.map(fill);
  return {
    to,
    subject: t.subject,
    text: `${lines.join('\n\n')}\n\n${t.button}: ${url}\n`,
    html: layout(t.subject, lines, { label: t.button, url }),
  };
}
