import type { Generated, Migration } from 'kysely';
import { isPostgres } from './portable.js';

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
  /** The durable event log (kernel/event-log): an outbox written in the transaction of its change. */
  core_event_log: {
    position: Generated<number>;
    name: string;
    /** The payload's `accountId` when it has one: for per-account clean-up and inspection. */
    account_id: string | null;
    /** JSON text, written as recorded. */
    payload: string;
    created_at: number;
  };
  /** One row per consumer `<pluginId>.<name>`: how far it got, and which process reads it now. */
  core_event_consumers: {
    consumer_id: string;
    /** The last position whose batch the consumer's handler acknowledged; 0 before the first. */
    position: number;
    lease_owner: string | null;
    /** Until when `lease_owner` alone may read; doubles as the consumer's last sign of life. */
    lease_expires_at: number;
  };
  /** The access log (issue 15): one row per support visit of agency staff to a client's panel. */
  core_support_visits: {
    id: string;
    account_id: string;
    agency_id: string;
    /** Names as they were at the visit: a staff member renamed or removed later stays recognisable. */
    agency_name: string;
    staff_user_id: number;
    staff_name: string;
    staff_email: string;
    started_at: number;
    /** Until when the visit's token was valid. */
    expires_at: number;
  };
  /** What a support visit opened: each API path (GET) and socket read once, in the order first opened. */
  core_support_visit_opened: {
    visit_id: string;
    what: string;
    at: number;
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
  '0002-event-log': {
    async up(db) {
      // Positions only grow: AUTOINCREMENT on SQLite never reuses a deleted (swept) rowid.
      await db.schema
        .createTable('core_event_log')
        .$call((t) =>
          isPostgres(db)
            ? t.addColumn('position', 'bigserial', (c) => c.primaryKey())
            : t.addColumn('position', 'integer', (c) => c.primaryKey().autoIncrement()),
        )
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('core_event_consumers')
        .addColumn('consumer_id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'varchar(64)')
        .addColumn('lease_expires_at', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0003-support-visits': {
    async up(db) {
      await db.schema
        .createTable('core_support_visits')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('agency_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('agency_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('staff_user_id', 'integer', (c) => c.notNull())
        .addColumn('staff_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('staff_email', 'varchar(320)', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('core_support_visits_account').on('core_support_visits').columns(['account_id', 'started_at']).execute();
      await db.schema
        .createTable('core_support_visit_opened')
        .addColumn('visit_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('what', 'varchar(300)', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('core_support_visit_opened_pk', ['visit_id', 'what'])
        .execute();
    },
  },
};
