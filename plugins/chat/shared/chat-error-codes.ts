import type { CORE_VISITOR_ERROR_CODES } from '../../../core/src/http/error-codes.js';

/**
 * Every `error.code` the chat plugin's server sends besides the core's (core/src/http/error-codes.ts);
 * `name_taken` is the core's too, and means a template's name here. The panel words each one in
 * plugins/chat/admin/i18n, the widget the visitor's ones in plugins/chat/widget/i18n.ts;
 * core/test/unit/error-codes.test.ts keeps this list, the server's source and the texts in step.
 */
/** The chat's codes a visitor's widget can receive (operators can get them too). */
export const CHAT_VISITOR_ERROR_CODES = [
  'blocked',
  'dialog_closed',
  'file_type',
  'attachment_not_found',
  'attachment_other_dialog',
  'attachment_used',
  'too_many_files',
  'already_rated',
  'image_too_large',
  // the offline form
  'chat_online',
  'offline_limit',
] as const;

export const CHAT_ERROR_CODES = [
  ...CHAT_VISITOR_ERROR_CODES,
  // operators only
  'dialog_changed',
  'operator_offline',
  'visitor_blocked',
  'not_author',
  'edit_window_over',
  'no_text',
  'too_long',
  'reply_exists',
  'too_many_replies',
  'name_taken',
  'too_many_templates',
  // other plugins posting through the chat's service (shared/chat.services.ts)
  'message_kind_unknown',
  'message_payload_invalid',
  'message_empty',
] as const;

export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

/** Codes the widget makes up itself: no connection, an upload that failed without an answer. */
export const WIDGET_LOCAL_ERROR_CODES = ['network', 'upload_failed'] as const;

/** Every code the widget must word for the visitor. */
export type VisitorErrorCode =
  | (typeof CORE_VISITOR_ERROR_CODES)[number]
  | (typeof CHAT_VISITOR_ERROR_CODES)[number]
  | (typeof WIDGET_LOCAL_ERROR_CODES)[number];
