import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler, Response } from 'express';

/**
 * How the built widget goes out (widget/build.mjs). Every file but the loader and the preview frame
 * has a hash of its content in its name, so browsers and proxies may keep it for a year; the loader
 * is at a stable address in every install code, so it is cached briefly and revalidated by ETag
 * (a release reaches sites within minutes, and an unchanged loader costs a 304).
 */
const HASHED = /-[A-Z0-9]{8}\.js$/;

export function widgetCacheHeaders(res: Response, file: string): void {
  const name = path.basename(file).replace(/\.(br|gz)$/, '');
  res.setHeader('Cache-Control', HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
}

/**
 * Picks the build's pre-compressed twin (<file>.br, else <file>.gz) the browser accepts and lets
 * express.static send it in place of the file; it keeps its own ETag, as it is other bytes.
 */
export function precompressed(dir: string): RequestHandler {
  const twins = [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const;
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.endsWith('.js')) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    let file: string;
    try {
      file = path.join(dir, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed path: express.static refuses it
    }
    if (!file.startsWith(dir + path.sep)) return next();
    const twin = twins.find(([encoding, ext]) => req.acceptsEncodings(encoding) === encoding && fs.existsSync(file + ext));
    if (twin) {
      res.setHeader('Content-Encoding', twin[0]);
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      const query = req.url.indexOf('?');
      req.url = query < 0 ? req.url + twin[1] : req.url.slice(0, query) + twin[1] + req.url.slice(query);
    }
    next();
  };
}
