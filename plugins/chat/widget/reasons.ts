import type { VisitorErrorCode } from '../shared/chat-error-codes.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import type { Locale } from './i18n.js';

/**
 * The visitor's words for each refusal's code (the server's own messages are English), every code a
 * visitor can get. A lazy chunk of its own: refusals are rare, and the words for ~40 codes in two
 * languages would be 2 KB of the chat chunk's 30 KB budget.
 */
const TYPES = CHAT_LIMITS.fileExtensions.join(', ');
const MB = CHAT_LIMITS.fileBytes / 1024 / 1024;

const ru = {
    offline_limit: 'Вы уже отправили несколько сообщений — мы ответим на них. Новое можно будет отправить позже',
    chat_online: 'Консультант уже в сети — напишите нам в чат',
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
    image_too_large: 'Изображение слишком большое: не больше 10000 пикселей по стороне и 40 мегапикселей',
    file_missing: 'Файл пуст или не читается',
    upload_unreadable: 'Файл не удалось прочитать — попробуйте ещё раз',
    upload_failed: 'Не удалось загрузить файл',
    attachment_not_found: 'Файл не найден — прикрепите его ещё раз',
    attachment_other_dialog: 'Файл прикреплён к другому диалогу — прикрепите его ещё раз',
    attachment_used: 'Этот файл уже отправлен в другом сообщении',
    too_many_files: 'Слишком много неотправленных файлов — отправьте или удалите часть',
    network: 'Нет соединения — проверьте интернет и повторите',
} satisfies Record<VisitorErrorCode, string>;

const en: typeof ru = {
    offline_limit: 'You have already sent several messages — we will answer them. You can send a new one later',
    chat_online: 'A consultant is online now — write to us in the chat',
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
    image_too_large: 'The image is too large: at most 10000 pixels a side and 40 megapixels',
    file_missing: 'The file is empty or cannot be read',
    upload_unreadable: 'The file could not be read — please try again',
    upload_failed: 'Could not upload the file',
    attachment_not_found: 'The file was not found — attach it again',
    attachment_other_dialog: 'The file belongs to another conversation — attach it again',
    attachment_used: 'This file has already been sent in another message',
    too_many_files: 'Too many files waiting to be sent — send or remove some',
    network: 'No connection — check your internet and retry',
};

export const reasons: Record<Locale, Readonly<Record<VisitorErrorCode, string>>> = { ru, en };

/** No styles: it loads through the view's lazy parts, which adopt a chunk's css. */
export const css = '';

/** The visitor's words for a refusal's code, or `fallback` for a code the widget does not know. */
export function reason(locale: Locale, code: string | undefined, fallback: string): string {
  return (code && (reasons[locale] as Readonly<Record<string, string | undefined>>)[code]) || fallback;
}
