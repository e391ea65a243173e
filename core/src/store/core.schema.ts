import type { Migration } from 'kysely';

/** Operational tables the core owns. Times are epoch milliseconds (BIGINT) on both engines. */
export interface CoreTables {
  core_refresh_tokens: {
    token_hash: string;
    family_id: string;
    user_id: number;
    expires_at: number;
    revoked_at: number | null;
    created_at: number;
  };
  core_action_tokens: {
    token_hash: string;
    kind: ActionTokenKind;
    user_id: number;
    account_id: string;
    expires_at: number;
    used_at: number | null;
    created_at: number;
  };
}

export type ActionTokenKind = 'password-reset' | 'invitation';

export const coreMigrations: Record<string, Migration> = {
  '0001-auth-tokens': {
    async up(db) {
      await db.schema
        .createTable('core_refresh_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('family_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('core_refresh_tokens_user').on('core_refresh_tokens').column('user_id').execute();
      await db.schema
        .createIndex('core_refresh_tokens_family')
        .on('core_refresh_tokens')
        .column('family_id')
        .execute();
      await db.schema
        .createTable('core_action_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('core_action_tokens_user').on('core_action_tokens').column('user_id').execute();
    },
  },
};
