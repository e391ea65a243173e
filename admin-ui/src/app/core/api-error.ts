import { HttpErrorResponse } from '@angular/common/http';
import { CORE_ERROR_CODES } from '../../../../core/src/http/error-codes';

/** A failed API call, reduced to what the UI needs: its code, and a translation key per bad field. */
export interface ApiError {
  status: number;
  code: string;
  /** The server's English message, for details worth repeating (a size); never shown as the text. */
  message: string;
  /** Translation keys of the fields the server refused (the server's own per-field words are English). */
  fields: Record<string, string>;
}

const KNOWN: ReadonlySet<string> = new Set(CORE_ERROR_CODES);

/** The translation key of a core error code (`errors.codes.*`; ngx-translate reads dots as nesting). */
export function coreCodeKey(code: string): string | undefined {
  return KNOWN.has(code) ? `errors.codes.${code.replaceAll('.', '_')}` : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Normalises any thrown value (usually an HttpErrorResponse) into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body: unknown = err.error;
    const inner = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
    const status = err.status;
    const code = inner && typeof inner['code'] === 'string' ? inner['code'] : status === 0 ? 'network' : 'http_' + status;
    // A bad field of a validation failure gets the generic "check the value"; a refusal the server
    // pinned on a field (a taken name) gets its code's words.
    const fieldKey = code === 'validation_failed' ? 'validation.invalid' : errorKey({ status, code });
    const fields: Record<string, string> = {};
    if (inner && isRecord(inner['fields'])) {
      for (const [key, value] of Object.entries(inner['fields'])) {
        if (typeof value === 'string') fields[key] = fieldKey;
      }
    }
    return { status, code, message: inner && typeof inner['message'] === 'string' ? inner['message'] : '', fields };
  }
  return { status: 0, code: 'unknown', message: '', fields: {} };
}

/** What the UI says for an error: its code's words, or a generic fallback for an unknown code. */
export function errorKey(error: Pick<ApiError, 'status' | 'code'>): string {
  return coreCodeKey(error.code) ?? fallbackErrorKey(error);
}

/**
 * The translation key of a generic fallback for a code the panel does not know (network
 * failures, proxies answering with HTML, a newer server).
 */
export function fallbackErrorKey(error: Pick<ApiError, 'status'>): string {
  if (error.status === 0) return 'errors.network';
  if (error.status === 429) return 'errors.rateLimited';
  if (error.status >= 500) return 'errors.server';
  return 'errors.generic';
}
