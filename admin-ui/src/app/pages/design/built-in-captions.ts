import type { Lang, WidgetCaptions } from '../../../../../widget/src/design';

/**
 * What the chat widget shows where a site leaves a caption empty (`withCaptions` in
 * `plugins/chat/widget/look.ts` over `plugins/chat/widget/i18n.ts`), as placeholders of the
 * captions editor in the tab's language. A copy until the contract exports the wording (asked for
 * in the design notes) — then this file goes.
 */
export const BUILT_IN_CAPTIONS: Readonly<Record<Lang, WidgetCaptions>> = {
  ru: {
    chatTitle: 'Имя консультанта в сети',
    chatSubtitle: 'В сети',
    greeting: 'Здравствуйте! Задайте ваш вопрос — консультант ответит прямо здесь.',
    inputPlaceholder: 'Напишите сообщение…',
    offlineTitle: 'Оставьте сообщение',
    offlineText: 'Сейчас консультантов нет в сети. Оставьте вопрос — мы ответим на e-mail.',
    offlineThanks: 'Сообщение отправлено. Мы ответим на ваш e-mail.',
  },
  en: {
    chatTitle: 'The online agent’s name',
    chatSubtitle: 'Online',
    greeting: 'Hi there! Ask us anything — we will reply right here.',
    inputPlaceholder: 'Type a message…',
    offlineTitle: 'Leave us a message',
    offlineText: 'We are offline right now. Leave your question and we will reply by e-mail.',
    offlineThanks: 'Your message has been sent. We will reply to your e-mail.',
  },
};
