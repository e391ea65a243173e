import type { RequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';

/** Path segments that look like tokens (invitation links…) never reach the log. */
const TOKEN_SEGMENT = /\/[A-Za-z0-9_-]{24,}(?=\/|$)/g;

export const loggablePath = (url: string) => url.split('?')[0]!.replace(TOKEN_SEGMENT, '/:token');

/** One structured line per finished request: method, path without query or tokens, status, time. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      logger[level]({ method: req.method, path: loggablePath(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
