import { coreCodeKey } from '../../../admin-ui/src/app/plugin-api';
import { CallsRequestError } from './calls-socket';

/** Refusals worded by the panel itself; the server's own messages are English and never shown. */
const OWN_CODES: ReadonlySet<string> = new Set(['timeout']);

/**
 * The translation key of what went wrong in a call: the browser refusing the microphone, camera or
 * screen, a request without an answer, a core error code, else a general "try again".
 */
export function callErrorKey(err: Error): string {
  if (err.name === 'NotAllowedError' || err.name === 'NotFoundError' || err.name === 'NotReadableError' || err.name === 'OverconstrainedError') return 'calls.errors.media';
  if (err instanceof CallsRequestError) {
    if (OWN_CODES.has(err.code)) return `calls.errors.${err.code}`;
    return coreCodeKey(err.code) ?? 'calls.errors.generic';
  }
  return 'calls.errors.generic';
}
