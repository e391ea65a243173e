import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoreTables } from '../store/core.schema.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

const REFRESH_TOKEN_MS = 30 * 24 * 3600 * 1000;

/**
 * Refresh tokens, rotated on every use. Tokens issued from one sign-in share a family; presenting
 * an already rotated token revokes the whole family (it was stolen or replayed).
 */
export class SessionStore {
  constructor(private readonly db: Kysely<CoreTables>) {}

  async issue(userId: number, familyId: string = randomUUID()): Promise<string> {
    const { token, hash } = newOpaqueToken();
    const now = Date.now();
    await this.db
      .insertInto('core_refresh_tokens')
      .values({ token_hash: hash, family_id: familyId, user_id: userId, created_at: now, expires_at: now + REFRESH_TOKEN_MS, revoked_at: null })
      .execute();
    return token;
  }

  /** Swaps a valid refresh token for a new one of the same family; undefined when it is not valid. */
  async rotate(token: string): Promise<{ userId: number; token: string } | undefined> {
    const hash = hashOpaqueToken(token);
    const now = Date.now();
    const row = await this.db.selectFrom('core_refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!row || row.expires_at < now) return undefined;
    if (row.revoked_at !== null) {
      await this.revokeFamily(row.family_id);
      return undefined;
    }
    // The conditional update makes two concurrent refreshes with one token yield one winner.
    const { numUpdatedRows } = await this.db
      .updateTable('core_refresh_tokens')
      .set({ revoked_at: now })
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) return undefined;
    return { userId: row.user_id, token: await this.issue(row.user_id, row.family_id) };
  }

  async revoke(token: string): Promise<void> {
    const row = await this.db
      .selectFrom('core_refresh_tokens')
      .select('family_id')
      .where('token_hash', '=', hashOpaqueToken(token))
      .executeTakeFirst();
    if (row) await this.revokeFamily(row.family_id);
  }

  async revokeUser(userId: number): Promise<void> {
    await this.db
      .updateTable('core_refresh_tokens')
      .set({ revoked_at: Date.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .updateTable('core_refresh_tokens')
      .set({ revoked_at: Date.now() })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /**
   * When each of these users last got a session token (a sign-in, or the panel's refresh every
   * few minutes while it is open): their last activity in the panel, durable across restarts.
   */
  async lastActiveAt(userIds: readonly number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('core_refresh_tokens')
      .select(['user_id', (eb) => eb.fn.max('created_at').as('last')])
      .where('user_id', 'in', [...userIds])
      .groupBy('user_id')
      .execute();
    // PostgreSQL answers a bigint as a string.
    return new Map(rows.map((r) => [r.user_id, Number(r.last)]));
  }
}
