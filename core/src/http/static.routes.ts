import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { precompressed, widgetCacheHeaders } from './widget-files.js';

/**
 * The built widget under /widget (pre-compressed, content-hashed chunks cached for good; the loader
 * itself revalidates so a release reaches sites quickly: widget-files.ts) and the built panel at /
 * with the single-page-app fallback.
 */
export function staticRoutes(widgetDir: string, adminUiDir: string): Router {
  const router = Router();
  router.use(
    '/widget',
    precompressed(path.resolve(widgetDir)),
    express.static(widgetDir, {
      fallthrough: false,
      setHeaders: (res, file) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        widgetCacheHeaders(res, file);
      },
    }),
  );
  router.use(express.static(adminUiDir, { index: false, maxAge: '1h' }));
  const index = path.join(adminUiDir, 'index.html');
  router.get(/^\/(?!api\/|widget\/|socket\.io\/|internal\/).*/, (_req, res, next) => {
    if (!fs.existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
