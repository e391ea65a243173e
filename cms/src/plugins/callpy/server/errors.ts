/**
 * Errors in Strapi's REST shape: { data: null, error: { status, name, message, details } },
 * so the core's client parses one format for Strapi's own routes and ours.
 */
export class HttpError extends Error {
  constructor(
    public status: number,
    public errorName: string,
    message: string,
    public details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new HttpError(400, 'ValidationError', message, details);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new HttpError(409, 'ConflictError', message, details);
export const notFound = (message: string) => new HttpError(404, 'NotFoundError', message);
export const invalidCredentials = () =>
  new HttpError(401, 'InvalidCredentialsError', 'Invalid email or password');

export function sendError(ctx: any, err: HttpError) {
  ctx.status = err.status;
  ctx.body = {
    data: null,
    error: { status: err.status, name: err.errorName, message: err.message, details: err.details },
  };
}

/** Runs a handler, turning HttpError into a response; anything else goes to Strapi's handler. */
export async function handle(ctx: any, fn: () => Promise<unknown>) {
  try {
    const body = await fn();
    if (body !== undefined) ctx.body = body;
  } catch (err) {
    if (err instanceof HttpError) return sendError(ctx, err);
    throw err;
  }
}
