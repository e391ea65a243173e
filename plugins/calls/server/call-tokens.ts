import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CallsContext } from './calls.context.js';
import type { CallsTables } from './calls.tables.js';

/**
 * The links and grants of `calls_tokens` (D3's hand-over, D4's participant link): 256 random bits
 * each, only their SHA-256 stored. A link is redeemed once, before it expires; what redeeming gives
 * is a grant, the redeeming device's socket token for that one call.
 */
export type TokenRow = Selectable<CallsTables['calls_tokens']>;
export type TokenKind = 'link' | 'grant' | 'guestlnk' | 'guest';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** Stores a new token of `kind` (through `db`: the plugin's Kysely or a transaction's); answers the token itself (never stored). */
export async function issueToken(
  db: Kysely<CallsTables>,
  row: { kind: TokenKind; callId: string; accountId: string; userId: number; expiresAt: number; usedAt?: number; name?: string },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('calls_tokens')
    .values({ token_hash: hashToken(token), kind: row.kind, call_id: row.callId, account_id: row.accountId, user_id: row.userId, expires_at: row.expiresAt, used_at: row.usedAt ?? null, name: row.name ?? null })
    .execute();
  return token;
}

/** Redeems a link once (one conditional UPDATE: of two redeeming at once one gets it); a stale, reused or unknown one is undefined alike. */
export function claimLink(ctx: CallsContext, kind: TokenKind, token: string): Promise<TokenRow | undefined> {
  const now = ctx.clock.now();
  return ctx.db.kysely
    .updateTable('calls_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}
