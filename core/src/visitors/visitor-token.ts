import { z } from 'zod';
import { JwtCodec } from '../auth/jwt.js';

/** It names the site and the visitor, nothing more (ARCHITECTURE: Identity and tenancy). */
const visitorClaims = z.object({ site: z.string() });

const VISITOR_TOKEN_SECONDS = 365 * 24 * 3600;

export const createVisitorTokens = (secret: string) =>
  new JwtCodec(secret, 'callpy-visitor+jwt', visitorClaims, VISITOR_TOKEN_SECONDS);

export type VisitorTokens = ReturnType<typeof createVisitorTokens>;
