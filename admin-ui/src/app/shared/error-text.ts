import { type ApiError, fallbackErrorKey } from '../core/api-error';

/** What an error box shows: the server's message, or a translated fallback key. */
export interface ErrorText {
  message?: string;
  key?: string;
}

export function errorText(error: ApiError): ErrorText {
  return error.message ? { message: error.message } : { key: fallbackErrorKey(error) };
}
