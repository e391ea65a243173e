import { Router } from 'express';
import { sql, type Kysely } from 'kysely';
import type { ContentStore } from '../content/content-store.js';

/**
 * /healthz: the process answers. /readyz: it can serve — the database answers and content was
 * loaded. A CMS outage keeps /readyz at 200 (we serve from the cache) but says "degraded".
 */
export function healthRoutes(db: Kysely<unknown>, content: ContentStore, isStopping: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    let database: 'ok' | 'down' = 'ok';
    try {
      await sql`select 1`.execute(db);
    } catch {
      database = 'down';
    }
    const cms = { ...content.state, status: content.state.stale ? 'unreachable, serving from cache' : content.state.loaded ? 'ok' : 'not loaded' };
    const ready = database === 'ok' && content.state.loaded && !isStopping();
    const status = !ready ? 'not ready' : content.state.stale ? 'degraded' : 'ready';
    res.status(ready ? 200 : 503).json({ status, database, cms, stopping: isStopping() });
  });
  return router;
}
