import type { ValidatorFn } from '@angular/forms';
import { CHAT_SITE_LIMITS } from '../../shared/chat-site-settings';

/** What an address must look like before the server's stricter check: something@host.domain, no spaces. */
const ADDRESS = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]{2,}$/;

/** H6: the addresses as typed — separated by commas (semicolons and new lines too), blanks dropped. */
export function parseEmails(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
}

/**
 * Flags the first address that cannot be one (`{ emailList: { address } }`) or a list that is too
 * long (`{ emailCount: { max } }`), so the message can name it, as the server's does.
 */
export const emailListValidator: ValidatorFn = (control) => {
  const emails = parseEmails(typeof control.value === 'string' ? control.value : '');
  if (emails.length > CHAT_SITE_LIMITS.offlineEmails) return { emailCount: { max: CHAT_SITE_LIMITS.offlineEmails } };
  const bad = emails.find((e) => e.length > CHAT_SITE_LIMITS.emailLength || !ADDRESS.test(e));
  return bad ? { emailList: { address: bad } } : null;
};
