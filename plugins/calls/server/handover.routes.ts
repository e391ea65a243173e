import { z } from 'zod';
import { parseOrThrow } from '../../../core/src/index.js';
import type { CallsContext } from './calls.context.js';
import type { GuestService } from './guest.service.js';
import type { HandoverService } from './handover.service.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'A hand-over token');
// What everyone in the call sees of the guest: a name, on one line.
const guestBody = z.strictObject({ name: z.string().trim().min(1).max(80).regex(/^[^\p{Cc}]+$/u, 'A name without control characters') });

/**
 * D3: `POST /api/calls/public/handover/:token` — the phone's page (`<panel>/call/<token>`)
 * redeems the QR code's link, once, without a session: `{ token, call }`, `token` being its socket
 * token for `/calls` (that call only). Limited per address: the link's 256 bits are not guessable,
 * the limit keeps a scanner from trying.
 */
export function registerHandoverRoutes(ctx: CallsContext, handover: HandoverService, guests: GuestService): void {
  const limit = ctx.rateLimits.http('handover-redeem', ctx.options.limits.handoversPerMinute, 60, (req) => req.ip ?? 'unknown');
  ctx.http.publicRouter.post('/handover/:token', limit, async (req, res) => {
    res.json(await handover.redeem(parseOrThrow(token, req.params.token)));
  });
  // D4: a guest's page (`<panel>/call-guest/<token>`) redeems a participant link with the guest's name: `{ token, call }`.
  ctx.http.publicRouter.post('/guest/:token', limit, async (req, res) => {
    const { name } = parseOrThrow(guestBody, req.body);
    res.json(await guests.redeem(parseOrThrow(token, req.params.token), name));
  });
}
