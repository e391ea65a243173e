import { type LocalizedText, coreCodeKey } from '../../../admin-ui/src/app/plugin-api';
import { JitsiUnavailable } from '../browser/jitsi-api';
import { CALLS_ERROR_CODES } from '../shared/calls-error-codes';
import { CallsRequestError } from './calls-socket';

/** What the window says went wrong: a panel translation key, or the calls plugin's own words for its code. */
export type CallErrorText = { key: string; words?: undefined } | { words: LocalizedText; key?: undefined };

const MEDIA_ERRORS: ReadonlySet<string> = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'SecurityError']);

/**
 * The words for a failure in a call: the browser refusing the microphone, camera or screen, a
 * request without an answer, the Jitsi host's script not loading, a refusal of the calls plugin (shared/calls-error-codes.ts) or of the
 * core, else a general "try again". The server's own messages are English and never shown.
 */
export function callErrorText(err: Error): CallErrorText {
  if (MEDIA_ERRORS.has(err.name)) return { key: 'calls.errors.media' };
  if (err instanceof JitsiUnavailable) return { key: 'calls.errors.jitsi' };
  if (!(err instanceof CallsRequestError)) return { key: 'calls.errors.generic' };
  if (err.code === 'timeout') return { key: 'calls.errors.timeout' };
  const own = (CALLS_ERROR_CODES as Record<string, LocalizedText>)[err.code];
  if (own) return { words: own };
  return { key: coreCodeKey(err.code) ?? 'calls.errors.generic' };
}
