import { timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import { unauthorized } from '../http/http-error.js';
import type { ContentStore } from './content-store.js';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** POST /internal/cms-webhook: Strapi says content changed; we (and the other core processes) re-read the snapshot. */
export function webhookRoutes(content: ContentStore, secret: string): Router {
  const router = Router();
  router.post('/cms-webhook', express.json({ limit: '1mb' }), (req, res) => {
    const given = req.headers['x-callpy-webhook-secret'];
    if (typeof given !== 'string' || !sameSecret(given, secret)) throw unauthorized('Bad webhook secret');
    void content.changedInCms();
    res.status(202).json({ ok: true });
  });
  return router;
}
