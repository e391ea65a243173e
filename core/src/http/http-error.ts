import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { ContentStoreError } from '../content/content-store.client.js';
import type { Logger } from '../logging/logger.js';

/** An error the client caused or may act on; its message is shown to the user as is. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new HttpError(400, 'validation_failed', message, fields);
export const unauthorized = (message = 'Sign in again') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have access to this') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new HttpError(404, 'not_found', message);
/** A write from a support visit (issue 15): the visit reads the client's panel and changes nothing. */
export const READ_ONLY_MESSAGE = 'Support mode is read-only: nothing can be changed here';
export const readOnly = () => new HttpError(403, 'read_only', READ_ONLY_MESSAGE);

/** Turns a zod failure into a 400 that names each bad field. */
export function validationError(error: z.ZodError): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(body)';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return badRequest(`Invalid request — ${summary}`, fields);
}

/** Parses input with a schema or throws a 400 naming the bad fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The last middleware: every error becomes `{ error: { code, message, fields? } }`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return;
    }
    if (err instanceof ContentStoreError) {
      // The CMS refused a write for a reason the user can act on (duplicate, invalid) or is down.
      const clientFault = err.status === 400 || err.status === 409;
      if (!clientFault) logger.error({ err, url: req.originalUrl }, 'content store unavailable');
      res.status(clientFault ? err.status! : 503).json({
        error: clientFault
          ? { code: err.status === 409 ? 'conflict' : 'validation_failed', message: err.message.replace(/^CMS: /, '') }
          : { code: 'content_store_unavailable', message: 'Settings storage is unavailable; try again in a moment' },
      });
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: clientError(status, (err as { type?: string }).type) });
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side; try again' } });
  };
}

/**
 * The errors of Express's own parts, which carry a status: body-parser's name their `type`
 * (malformed JSON, body over the size limit); express.static's have none (a path refused for
 * climbing out of its folder, a file that is not there).
 */
function clientError(status: number, type: string | undefined): { code: string; message: string } {
  if (type === 'entity.too.large') return { code: type, message: 'The request body is too large' };
  if (type === 'entity.parse.failed') return { code: type, message: 'The request body is not valid JSON' };
  if (type) return { code: type, message: 'The request body could not be read' };
  if (status === 403) return { code: 'forbidden_path', message: 'This path is not allowed' };
  if (status === 404) return { code: 'not_found', message: 'Not found' };
  return { code: 'bad_request', message: 'The request could not be served' };
}
