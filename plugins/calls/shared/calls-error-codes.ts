/** The core's `Localized`, spelt out: the panel and the widget (which word refusals too) import this file without the core's types. */
type Localized = { ru: string; en: string };

/**
 * Every `error.code` the calls plugin itself sends (besides the core's `validation_failed`,
 * `rate_limited`, `forbidden`, `not_found`…), with its words for the widget and the panel.
 * core/test/unit/error-codes.test.ts fails when the server sends a code missing here.
 */
export const CALLS_ERROR_CODES = {
  call_not_found: { ru: 'Звонок не найден или уже завершён', en: 'No such call, or it has ended' },
  call_not_ringing: { ru: 'Звонок уже не звонит: на него ответили или он завершён', en: 'The call no longer rings: it was answered or has ended' },
  call_taken: { ru: 'На звонок уже ответил другой оператор', en: 'Another operator has already answered the call' },
  call_not_active: { ru: 'Разговор ещё не начался или уже завершён', en: 'The call has not started or has already ended' },
  call_in_progress: { ru: 'В этом диалоге уже идёт звонок', en: 'There is already a call in this dialog' },
  not_in_call: { ru: 'Вы не участвуете в этом звонке', en: 'You are not taking part in this call' },
  leg_not_yours: { ru: 'Это подключение к звонку не ваше', en: 'This connection to the call is not yours' },
  leg_unknown: { ru: 'В звонке нет такого подключения', en: 'The call has no such connection' },
  dialog_not_found: { ru: 'Диалог не найден', en: 'No such dialog' },
  dialog_closed: { ru: 'Диалог закрыт: позвонить можно в открытом диалоге', en: 'The dialog is closed: calls are made in an open dialog' },
  handover_invalid: {
    ru: 'Ссылка для переноса звонка недействительна: она одноразовая и живёт две минуты. Покажите новый QR-код',
    en: 'The hand-over link is not valid: it works once and for two minutes. Show a new QR code',
  },
  recording_not_found: { ru: 'Запись не найдена', en: 'No such recording' },
  recording_not_yours: { ru: 'Эту запись ведёте не вы', en: 'This recording is not yours' },
  recording_in_progress: { ru: 'Звонок уже записывается', en: 'The call is already being recorded' },
  recording_closed: { ru: 'Запись уже завершена: продолжить её нельзя', en: 'The recording has ended: nothing more can be added to it' },
  recording_too_large: { ru: 'Запись слишком большая: достигнут предел размера', en: 'The recording is too large: its size limit is reached' },
  recording_bad_type: { ru: 'Запись принимается только в формате WebM (звук или видео)', en: 'A recording is accepted as WebM (audio or video) only' },
  handover_only: { ru: 'Это устройство подключено только к переданному звонку', en: 'This device is connected to the handed-over call only' },
  operator_unavailable: { ru: 'Этого оператора нельзя пригласить: его нет в сети', en: 'This operator cannot be invited: they are not online' },
  operator_busy: { ru: 'Оператор уже участвует в звонке или приглашён', en: 'The operator is already in a call or invited' },
  invite_not_found: { ru: 'Приглашение в звонок больше не действует', en: 'The invitation to the call is no longer valid' },
  guest_link_invalid: {
    ru: 'Ссылка для участника недействительна: она одноразовая и живёт несколько минут. Попросите новую',
    en: 'The participant link is not valid: it works once and for a few minutes. Ask for a new one',
  },
  guest_only: { ru: 'Гость может только участвовать в звонке, в который его пригласили', en: 'A guest can only take part in the call they were invited to' },
} as const satisfies Record<string, Localized>;

export type CallsErrorCode = keyof typeof CALLS_ERROR_CODES;
