import { BUILT_IN_CAPTIONS } from '../../../widget/src/built-in-captions.js';


/**
 * The widget's words, Russian first (wording after the seed guides: «консультант», «оффлайн-форма»,
 * «Ошибка при отправке сообщения», «оценка качества обслуживания»), English second. Plain data and
 * tiny functions: no DOM, no library. The words a site may replace (B8 captions) come from
 * BUILT_IN_CAPTIONS, which the panel shows as the captions' defaults.
 */
export type Locale = 'ru' | 'en';

const RU = BUILT_IN_CAPTIONS.ru;
const EN = BUILT_IN_CAPTIONS.en;

const ru = {
  chatLabel: 'Чат с консультантом',
  /** The site's own title and subtitle for the window (B8 captions); empty: the operators' names and status. */
  title: '',
  subtitle: '',
  launcherLabel: 'Напишите нам',
  openChat: 'Открыть чат',
  closeChat: 'Свернуть чат',
  close: 'Закрыть',
  defaultTitle: RU.chatTitle,
  online: RU.chatSubtitle,
  reconnecting: 'Восстанавливаем соединение…',
  nobodyOnline: 'Сейчас консультантов нет в сети — мы ответим, как только появимся.',
  welcome: RU.greeting,
  placeholder: RU.inputPlaceholder,
  send: 'Отправить',
  emoji: 'Смайлики',
  pending: 'Отправляется…',
  sent: 'Отправлено',
  read: 'Прочитано',
  failed: 'Ошибка при отправке сообщения',
  retry: 'Нажмите, чтобы отправить повторно',
  notSent: 'Не отправлено · Повторить',
  edited: 'изменено',
  operator: 'Консультант',
  you: 'Вы',
  typing: (name: string) => `${name} печатает…`,
  dialogClosed: 'Диалог завершён. Если появятся вопросы — просто напишите.',
  earlier: 'Предыдущие диалоги',
  earlierLoading: 'Загружаем…',
  earlierOf: (date: string) => `Диалог от ${date}`,
  rateTitle: 'Оцените, пожалуйста, качество обслуживания',
  rateStar: (n: number) => `${n} из 5`,
  rateThanks: 'Спасибо за оценку!',
  rateFailed: 'Не удалось сохранить оценку. Попробуйте ещё раз.',
  unread: (n: number) => `Новых сообщений: ${n}`,
  newMessageFrom: (name: string) => `Новое сообщение от: ${name}`,
  attachment: 'Вложение',
  attach: 'Прикрепить файл',
  dropFiles: 'Отпустите, чтобы отправить файлы',
  uploading: 'Загрузка…',
  uploadFailed: 'Не удалось загрузить файл',
  cancel: 'Отменить',
  again: 'Повторить',
  download: 'Скачать',
  offlineTab: 'Оставьте сообщение',
  offlineTitle: RU.offlineTitle,
  offlineIntro: RU.offlineText,
  name: 'Имя',
  email: 'E-mail',
  phone: 'Телефон',
  optional: 'необязательно',
  message: 'Сообщение',
  submit: 'Отправить',
  submitting: 'Отправка…',
  required: 'Заполните это поле',
  badEmail: 'Проверьте адрес e-mail',
  badPhone: 'Проверьте номер телефона',
  tooLong: (max: number) => `Не длиннее ${max} символов`,
  submitFailed: 'Не удалось отправить. Проверьте соединение и попробуйте ещё раз.',
  thanksTitle: 'Спасибо!',
  offlineThanks: RU.offlineThanks,
  another: 'Написать ещё',
};

export type Dict = typeof ru;

const en: Dict = {
  chatLabel: 'Chat with us',
  title: '',
  subtitle: '',
  launcherLabel: 'Chat with us',
  openChat: 'Open chat',
  closeChat: 'Minimise chat',
  close: 'Close',
  defaultTitle: EN.chatTitle,
  online: EN.chatSubtitle,
  reconnecting: 'Reconnecting…',
  nobodyOnline: 'Nobody is online right now — we will reply as soon as we are back.',
  welcome: EN.greeting,
  placeholder: EN.inputPlaceholder,
  send: 'Send',
  emoji: 'Emoji',
  pending: 'Sending…',
  sent: 'Sent',
  read: 'Read',
  failed: 'Message not delivered',
  retry: 'Click to send again',
  notSent: 'Not sent · Retry',
  edited: 'edited',
  operator: 'Agent',
  you: 'You',
  typing: (name: string) => `${name} is typing…`,
  dialogClosed: 'This conversation has ended. Write again any time.',
  earlier: 'Earlier conversations',
  earlierLoading: 'Loading…',
  earlierOf: (date: string) => `Conversation of ${date}`,
  rateTitle: 'How would you rate our service?',
  rateStar: (n: number) => `${n} out of 5`,
  rateThanks: 'Thank you for your feedback!',
  rateFailed: 'Could not save your rating. Please try again.',
  unread: (n: number) => `${n} new ${n === 1 ? 'message' : 'messages'}`,
  newMessageFrom: (name: string) => `New message from ${name}`,
  attachment: 'Attachment',
  attach: 'Attach a file',
  dropFiles: 'Drop to send the files',
  uploading: 'Uploading…',
  uploadFailed: 'Could not upload the file',
  cancel: 'Cancel',
  again: 'Retry',
  download: 'Download',
  offlineTab: 'Leave a message',
  offlineTitle: EN.offlineTitle,
  offlineIntro: EN.offlineText,
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  optional: 'optional',
  message: 'Message',
  submit: 'Send',
  submitting: 'Sending…',
  required: 'Please fill in this field',
  badEmail: 'Please check the e-mail address',
  badPhone: 'Please check the phone number',
  tooLong: (max: number) => `At most ${max} characters`,
  submitFailed: 'Could not send. Check your connection and try again.',
  thanksTitle: 'Thank you!',
  offlineThanks: EN.offlineThanks,
  another: 'Send another message',
};

export const dictionaries: Record<Locale, Dict> = { ru, en };

export const dict = (locale: string): Dict => (locale === 'en' ? en : ru);


/** "14:05" in the visitor's language; an unparsable date gives ''. */
export function clock(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'ru-RU', { hour: '2-digit', minute: '2-digit' });
}
