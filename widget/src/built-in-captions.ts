import type { Lang, WidgetCaptions } from './design.js';

/**
 * B8: the widget's own wording for every caption a site may override — what the chat widget shows
 * where the site left a caption empty (`plugins/chat/widget/i18n.ts` takes its words from here),
 * and what the panel's captions editor shows greyed in an empty field. One source, so the two never
 * drift apart. A module of its own: the chat chunk bundles these strings, not the design module.
 *
 * `chatTitle` is the title when no operator's name is known (the widget names the operators online
 * while the site sets no title of its own).
 */
export const BUILT_IN_CAPTIONS: Readonly<Record<Lang, Readonly<WidgetCaptions>>> = {
  ru: {
    chatTitle: 'Онлайн-консультант',
    chatSubtitle: 'В сети',
    greeting: 'Здравствуйте! Задайте ваш вопрос — консультант ответит прямо здесь.',
    inputPlaceholder: 'Напишите сообщение…',
    offlineTitle: 'Оставьте сообщение',
    offlineText: 'Сейчас консультантов нет в сети. Оставьте вопрос — мы ответим на e-mail.',
    offlineThanks: 'Сообщение отправлено. Мы ответим на ваш e-mail.',
  },
  en: {
    chatTitle: 'Live chat',
    chatSubtitle: 'Online',
    greeting: 'Hi there! Ask us anything — we will reply right here.',
    inputPlaceholder: 'Type a message…',
    offlineTitle: 'Leave us a message',
    offlineText: 'We are offline right now. Leave your question and we will reply by e-mail.',
    offlineThanks: 'Your message has been sent. We will reply to your e-mail.',
  },
};
