import { BUILT_IN_CAPTIONS } from '../../../widget/src/built-in-captions.js';
import type { VisitorErrorCode } from '../shared/chat-error-codes.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';

const TYPES = CHAT_LIMITS.fileExtensions.join(', ');
const MB = CHAT_LIMITS.fileBytes / 1024 / 1024;

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
  sent: 'Доставлено',
  failed: 'Ошибка при отправке сообщения',
  retry: 'Нажмите, чтобы отправить повторно',
  notSent: 'Не отправлено · Повторить',
  edited: 'изменено',
  operator: 'Консультант',
  you: 'Вы',
  typing: (name: string) => `${name} печатает…`,
  dialogClosed: 'Диалог завершён. Если появятся вопросы — просто напишите.',
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
  /** Refusals by error code (the server's own messages are English): every code a visitor can get. */
  reasons: {
    validation_failed: 'Проверьте, пожалуйста, заполнение полей',
    unauthorized: 'Сеанс чата истёк — обновите страницу',
    forbidden: 'Это действие недоступно',
    not_found: 'Не найдено — обновите страницу',
    rate_limited: 'Слишком много сообщений подряд — подождите немного',
    plugin_disabled: 'Эта возможность чата сейчас отключена',
    content_store_unavailable: 'Сервис временно недоступен — попробуйте через минуту',
    internal: 'Ошибка на сервере — попробуйте ещё раз',
    stopping: 'Сервер перезапускается — попробуйте через минуту',
    'entity.too.large': 'Слишком большой объём данных',
    'entity.parse.failed': 'Запрос не удалось прочитать — попробуйте ещё раз',
    bad_request: 'Запрос не удалось прочитать — попробуйте ещё раз',
    unknown_site: 'Чат этого сайта не найден: проверьте код установки',
    origin_not_allowed: 'Чат не подключён для этого адреса сайта',
    blocked: 'Сообщения от вас не принимаются',
    dialog_closed: 'Диалог завершён — напишите ещё раз, чтобы начать новый',
    already_rated: 'Вы уже оценили этот диалог',
    file_type: `Такой тип файла не принимается. Допустимые форматы: ${TYPES}`,
    file_too_large: `Файл больше ${MB} МБ`,
    file_missing: 'Файл пуст или не читается',
    upload_unreadable: 'Файл не удалось прочитать — попробуйте ещё раз',
    upload_failed: 'Не удалось загрузить файл',
    attachment_not_found: 'Файл не найден — прикрепите его ещё раз',
    attachment_other_dialog: 'Файл прикреплён к другому диалогу — прикрепите его ещё раз',
    attachment_used: 'Этот файл уже отправлен в другом сообщении',
    too_many_files: 'Слишком много неотправленных файлов — отправьте или удалите часть',
    network: 'Нет соединения — проверьте интернет и повторите',
  } satisfies Record<VisitorErrorCode, string>,
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
  sent: 'Delivered',
  failed: 'Message not delivered',
  retry: 'Click to send again',
  notSent: 'Not sent · Retry',
  edited: 'edited',
  operator: 'Agent',
  you: 'You',
  typing: (name: string) => `${name} is typing…`,
  dialogClosed: 'This conversation has ended. Write again any time.',
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
  reasons: {
    validation_failed: 'Please check the fields',
    unauthorized: 'The chat session has expired — please reload the page',
    forbidden: 'This action is not available',
    not_found: 'Not found — please reload the page',
    rate_limited: 'Too many messages in a row — please wait a moment',
    plugin_disabled: 'This chat feature is switched off right now',
    content_store_unavailable: 'The service is briefly unavailable — try again in a minute',
    internal: 'Something went wrong on our side — please try again',
    stopping: 'The server is restarting — try again in a minute',
    'entity.too.large': 'Too much data at once',
    'entity.parse.failed': 'The request could not be read — please try again',
    bad_request: 'The request could not be read — please try again',
    unknown_site: 'This site’s chat was not found: check the install code',
    origin_not_allowed: 'The chat is not set up for this site’s address',
    blocked: 'Your messages are not accepted',
    dialog_closed: 'This conversation has ended — write again to start a new one',
    already_rated: 'You have already rated this conversation',
    file_type: `This type of file is not accepted. Allowed: ${TYPES}`,
    file_too_large: `The file is larger than ${MB} MB`,
    file_missing: 'The file is empty or cannot be read',
    upload_unreadable: 'The file could not be read — please try again',
    upload_failed: 'Could not upload the file',
    attachment_not_found: 'The file was not found — attach it again',
    attachment_other_dialog: 'The file belongs to another conversation — attach it again',
    attachment_used: 'This file has already been sent in another message',
    too_many_files: 'Too many files waiting to be sent — send or remove some',
    network: 'No connection — check your internet and retry',
  },
};

export const dictionaries: Record<Locale, Dict> = { ru, en };

export const dict = (locale: string): Dict => (locale === 'en' ? en : ru);

/** The visitor's words for a refusal's code, or `fallback` for a code the widget does not know. */
export function reason(t: Dict, code: string | undefined, fallback: string): string {
  return (code && (t.reasons as Readonly<Record<string, string | undefined>>)[code]) || fallback;
}

/** "14:05" in the visitor's language; an unparsable date gives ''. */
export function clock(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'ru-RU', { hour: '2-digit', minute: '2-digit' });
}
