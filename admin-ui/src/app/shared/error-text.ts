import { type ApiError, errorKey } from '../core/api-error';

/** What an error box shows: a translation key. The server's own words are English and never land here. */
export interface ErrorText {
  key?: string;
}

export function errorText(error: ApiError): ErrorText {
  return { key: errorKey(error) };
}
