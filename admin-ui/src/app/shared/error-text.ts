import { type ApiError, errorKey } from '../core/api-error';

/**
 * What an error box shows: a translation key (and its parameters). `message` is for words already
 * in the user's language; the server's own words are English and never land here.
 */
export interface ErrorText {
  message?: string;
  key?: string;
}

export function errorText(error: ApiError): ErrorText {
  return { key: errorKey(error) };
}
