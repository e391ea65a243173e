import { z } from 'zod';
import { parseOrThrow } from '../../../core/src/index.js';
import type { CallsContext } from './calls.context.js';
import type { HandoverService } from './handover.service.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'A hand-over token');

/**
 * D3: `POST /api/calls/public/handover/:token` — the phone's page (`<panel>/call/<token>`)
 * redeems the QR code's link, once, without a session: `{ token, call }`, `token` being its socket
 * token for `/calls` (that call only). Limited per address: the link's 256 bits are not guessable,
 * the limit keeps a scanner from trying.
 */
export function registerHandoverRoutes(ctx: CallsContext, handover: HandoverService): void {
  const limit = ctx.rateLimits.http('handover-redeem', ctx.options.limits.handoversPerMinute, 60, (req) => req.ip ?? 'unknown');
  ctx.http.publicRouter.post('/handover/:token', limit, async (req, res) => {
    res.json(await handover.redeem(parseOrThrow(token, req.params.token)));
  });
}
