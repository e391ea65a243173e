import { z } from 'zod';
import { JwtCodec } from './jwt.js';

// Agency staff (`role: 'agency'`) carry their agency in `agc` and no account (`acc` is empty).
// A support visit (`role: 'support'`, agency/support.service.ts) carries the client's account in
// `acc`, the staff member's agency in `agc` and its access-log entry in `vis`; it has no refresh.
const accessClaims = z.object({ acc: z.string(), role: z.enum(['admin', 'operator', 'agency', 'support']), agc: z.string().optional(), vis: z.string().optional() });

/** Access tokens are short-lived; the guard also re-checks the user in the content cache. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

/** A support visit's one token: no refresh, so this is how long the visit lasts at most. */
export const SUPPORT_TOKEN_SECONDS = 30 * 60;

export const createAccessTokens = (secret: string) =>
  new JwtCodec(secret, 'callpy-access+jwt', accessClaims, ACCESS_TOKEN_SECONDS);

export type AccessTokens = ReturnType<typeof createAccessTokens>;
