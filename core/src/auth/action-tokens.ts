import type { Kysely } from 'kysely';
import type { ActionTokenKind, CoreTables } from '../store/core.schema.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

export interface ActionTokenRow {
  userId: number;
  accountId: string;
}

/** Single-use tokens behind the links we e-mail: password reset and invitation. */
export class ActionTokens {
  constructor(private readonly db: Kysely<CoreTables>) {}

  async create(kind: ActionTokenKind, row: ActionTokenRow, lifetimeMs: number): Promise<string> {
    const { token, hash } = newOpaqueToken();
    const now = Date.now();
    await this.db
      .insertInto('core_action_tokens')
      .values({ token_hash: hash, kind, user_id: row.userId, account_id: row.accountId, created_at: now, expires_at: now + lifetimeMs, used_at: null })
      .execute();
    return token;
  }

  /** The token's subject if it is of this kind, unused and unexpired. */
  async peek(kind: ActionTokenKind, token: string): Promise<ActionTokenRow | undefined> {
    const row = await this.db
      .selectFrom('core_action_tokens')
      .select(['user_id', 'account_id'])
      .where('token_hash', '=', hashOpaqueToken(token))
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    return row && { userId: row.user_id, accountId: row.account_id };
  }

  /** Marks the token used; only one of several concurrent uses succeeds. */
  async consume(kind: ActionTokenKind, token: string): Promise<ActionTokenRow | undefined> {
    const row = await this.peek(kind, token);
    if (!row) return undefined;
    const { numUpdatedRows } = await this.db
      .updateTable('core_action_tokens')
      .set({ used_at: Date.now() })
      .where('token_hash', '=', hashOpaqueToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return numUpdatedRows === 0n ? undefined : row;
  }

  /** Voids every open token of a kind for a user, e.g. older invitations when a new one is sent. */
  async voidAll(kind: ActionTokenKind, userId: number): Promise<void> {
    await this.db
      .updateTable('core_action_tokens')
      .set({ used_at: Date.now() })
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .execute();
  }
}
