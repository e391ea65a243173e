import { HttpErrorResponse } from '@angular/common/http';

/** A failed API call, reduced to what the UI shows: a message and per-field messages. */
export interface ApiError {
  status: number;
  code: string;
  /** Server-provided human message; empty when the server sent none (then the UI uses a translated fallback). */
  message: string;
  fields: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Normalises any thrown value (usually an HttpErrorResponse) into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body: unknown = err.error;
    const inner = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
    const fields: Record<string, string> = {};
    if (inner && isRecord(inner['fields'])) {
      for (const [key, value] of Object.entries(inner['fields'])) {
        if (typeof value === 'string') fields[key] = value;
      }
    }
    return {
      status: err.status,
      code: inner && typeof inner['code'] === 'string' ? inner['code'] : err.status === 0 ? 'network' : 'http_' + err.status,
      message: inner && typeof inner['message'] === 'string' ? inner['message'] : '',
      fields,
    };
  }
  return { status: 0, code: 'unknown', message: '', fields: {} };
}

/**
 * The translation key of a generic fallback for an error without a server message
 * (network failures, proxies answering with HTML, etc.).
 */
export function fallbackErrorKey(error: ApiError): string {
  if (error.status === 0) return 'errors.network';
  if (error.status === 429) return 'errors.rateLimited';
  if (error.status >= 500) return 'errors.server';
  return 'errors.generic';
}
