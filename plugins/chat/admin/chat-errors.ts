import type { ErrorText } from '../../../admin-ui/src/app/shared/error-text';

/**
 * A refused or unanswered request. `code` is the server's error code, or `offline` (not sent: no
 * connection) / `timeout` (sent, no answer); `message` is the server's text fit for the user, empty
 * for the two local codes (the UI words those itself).
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

/** What the UI shows for a failed request: the server's words, or a translated fallback. */
export function chatErrorText(err: unknown): ErrorText {
  if (err instanceof ChatRequestError) {
    if (err.code === 'offline') return { key: 'chat.errors.offline' };
    if (err.code === 'timeout') return { key: 'chat.errors.timeout' };
    if (err.message) return { message: err.message };
  }
  return { key: 'errors.generic' };
}
