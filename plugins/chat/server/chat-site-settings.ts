import { z } from 'zod';
import type { Localized, PluginSettingsSpec } from '../../../core/src/index.js';
import { CHAT_SITE_LIMITS as LIMITS, SITE_NOTIFY_KINDS, type ChatSiteSettings, type SiteNotifyKind } from '../shared/chat-site-settings.js';

/** The schema's words in both languages; `ctx.settings` answers a refused save in the request's. */
export const CHAT_SETTINGS_MESSAGES = {
  'chat.settings.switch': { ru: 'Переключатель: true (вкл.) или false (выкл.)', en: 'The switch is true (on) or false (off)' },
  'chat.settings.kinds': { ru: 'Уведомления: visitor, dialog и message — каждое true или false', en: 'Notifications are visitor, dialog and message, each true or false' },
  'chat.settings.offlineForm': { ru: 'Оффлайн-форма: enabled и emails', en: 'The offline form has enabled and emails' },
  'chat.settings.emails': { ru: 'Список адресов электронной почты', en: 'A list of e-mail addresses' },
  'chat.settings.email': { ru: 'Проверьте адрес электронной почты', en: 'Not a valid e-mail address' },
  'chat.settings.emailLong': { ru: `Адрес — не длиннее ${LIMITS.emailLength} символов`, en: `An e-mail address has at most ${LIMITS.emailLength} characters` },
  'chat.settings.tooManyEmails': {
    ru: `Не больше ${LIMITS.offlineEmails} адресов; для большего — общий ящик команды`,
    en: `At most ${LIMITS.offlineEmails} addresses; for more, use a team mailbox`,
  },
} as const satisfies Record<string, Localized>;
const m = (key: keyof typeof CHAT_SETTINGS_MESSAGES) => ({ error: key });

const email = z.string(m('chat.settings.email')).trim().max(LIMITS.emailLength, m('chat.settings.emailLong')).pipe(z.email(m('chat.settings.email')));
const onSwitch = z.boolean(m('chat.settings.switch')).default(true);

/** Every kind on unless set off: a kind added later is on for sites saved before. */
const notifications = z
  .strictObject(Object.fromEntries(SITE_NOTIFY_KINDS.map((k) => [k, onSwitch])) as Record<SiteNotifyKind, typeof onSwitch>, m('chat.settings.kinds'))
  .default({ visitor: true, dialog: true, message: true });

/** The chat's per-site settings (`settings.site`): `{}` is today's default — mail to the admins, every notification on. */
export const chatSiteSchema = z.object({
  offlineForm: z
    .strictObject({
      enabled: onSwitch,
      emails: z
        .array(email, m('chat.settings.emails'))
        .max(LIMITS.offlineEmails, m('chat.settings.tooManyEmails'))
        // The same address twice would get every message twice.
        .transform((list) => list.filter((e, i) => list.findIndex((o) => o.toLowerCase() === e.toLowerCase()) === i))
        .default([]),
    }, m('chat.settings.offlineForm'))
    .default({ enabled: true, emails: [] }),
  notifications,
}) satisfies z.ZodType<ChatSiteSettings>;

/** `settings` of the manifest. The widget gets nothing: these are the operators' and the mail's. */
export const chatSettings = { site: chatSiteSchema, messages: CHAT_SETTINGS_MESSAGES } satisfies PluginSettingsSpec<typeof chatSiteSchema>;
export type ChatSettingsSpec = typeof chatSettings;
