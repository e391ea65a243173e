import { z } from 'zod';
import { JwtCodec } from './jwt.js';

// Agency staff (`role: 'agency'`) carry their agency in `agc` and no account (`acc` is empty).
const accessClaims = z.object({ acc: z.string(), role: z.enum(['admin', 'operator', 'agency']), agc: z.string().optional() });

/** Access tokens are short-lived; the guard also re-checks the user in the content cache. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

export const createAccessTokens = (secret: string) =>
  new JwtCodec(secret, 'callpy-access+jwt', accessClaims, ACCESS_TOKEN_SECONDS);

export type AccessTokens = ReturnType<typeof createAccessTokens>;
