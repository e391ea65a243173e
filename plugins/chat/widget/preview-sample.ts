import type { MessageDto, VisitorState } from '../shared/chat.protocol.js';
import type { Locale } from './i18n.js';

const SAMPLE = {
  ru: { operator: 'Анна Смирнова', lines: ['Здравствуйте! Чем могу помочь?', 'Подскажите, успеете доставить заказ завтра?', 'Да, конечно! Оформите заказ до 20:00 — привезём завтра с 10 до 18.'] },
  en: { operator: 'Anna Smith', lines: ['Hi there! How can I help?', 'Could you deliver my order tomorrow?', 'Sure! Order before 8 pm and we deliver tomorrow, 10 am to 6 pm.'] },
};

/** A short, believable conversation: what the admin judges the colours and captions against. */
export function sampleState(locale: Locale, online: boolean): VisitorState {
  const { operator, lines } = SAMPLE[locale];
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const message = (i: number, byOperator: boolean): MessageDto => ({
    id: `preview-${i}`,
    dialogId: 'preview',
    clientId: `preview-${i}`,
    author: byOperator ? { kind: 'operator', userId: 1, name: operator, avatarUrl: null } : { kind: 'visitor', userId: null, name: '', avatarUrl: null },
    text: lines[i]!,
    attachments: [],
    createdAt: at(6 - i * 2),
    editedAt: null,
  });
  return {
    visitorId: 'preview',
    online,
    operators: online ? [{ id: 1, name: operator, avatarUrl: null }] : [],
    dialog: null,
    messages: online ? [message(0, true), message(1, false), message(2, true)] : [],
    ratingRequestedFor: null,
    earlier: false,
  };
}
