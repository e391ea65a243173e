import { jwtVerify, SignJWT, errors, type JWTPayload } from 'jose';
import type { z } from 'zod';

/**
 * HS256 tokens of one kind (user access or visitor), each kind with its own secret and `typ`, so
 * a token of one kind can never pass as the other. Claims are validated with a zod schema.
 */
export class JwtCodec<S extends z.ZodType<Record<string, unknown>>> {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly type: string,
    private readonly claims: S,
    private readonly lifetimeSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** @param lifetimeSeconds the kind's lifetime unless given (a support visit's token lives longer, unrefreshed). */
  sign(claims: z.input<S>, subject: string, lifetimeSeconds = this.lifetimeSeconds): Promise<string> {
    return new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: 'HS256', typ: this.type })
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.key);
  }

  /** The claims and subject, or undefined for a forged, expired, malformed or foreign token. */
  async verify(token: string): Promise<(z.output<S> & { sub: string }) | undefined> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (protectedHeader.typ !== this.type || typeof payload.sub !== 'string') return undefined;
      const parsed = this.claims.safeParse(payload);
      return parsed.success ? { ...parsed.data, sub: payload.sub } : undefined;
    } catch (err) {
      if (err instanceof errors.JOSEError) return undefined;
      throw err;
    }
  }
}
