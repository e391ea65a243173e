import { HttpErrorResponse } from '@angular/common/http';
import { coreCodeKey, type ErrorText, fallbackErrorKey, toApiError } from '../../../../admin-ui/src/app/plugin-api';
import { CHAT_ERROR_CODES } from '../../shared/chat-error-codes';

/**
 * A refused or unanswered request. `code` is the server's error code, or `offline` (not sent: no
 * connection) / `timeout` (sent, no answer); `message` is the server's English text, for logs.
 */
export class ChatRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

const CHAT_CODES: ReadonlySet<string> = new Set(CHAT_ERROR_CODES);

/** The chat's words for a code, then the core's; undefined for a code the panel does not know. */
function codeKey(code: string): string | undefined {
  if (code === 'offline') return 'chat.errors.offline';
  if (code === 'timeout') return 'chat.errors.timeout';
  return CHAT_CODES.has(code) ? `chat.errors.codes.${code}` : coreCodeKey(code);
}

/** What the UI shows for a failed socket request or chat HTTP call: never the server's English. */
export function chatErrorText(err: unknown): ErrorText {
  if (err instanceof ChatRequestError) return { key: codeKey(err.code) ?? 'errors.generic' };
  if (err instanceof HttpErrorResponse) {
    const api = toApiError(err);
    return { key: codeKey(api.code) ?? fallbackErrorKey(api) };
  }
  return { key: 'errors.generic' };
}
