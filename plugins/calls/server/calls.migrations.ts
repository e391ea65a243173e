import { sql, type Kysely, type Migration } from 'kysely';

export const callsMigrations: Record<string, Migration> = {
  '0001-calls': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calls_calls')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('dialog_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('direction', 'varchar(24)', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('video', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('operator_id', 'integer')
        .addColumn('rung_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ring_deadline', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('end_reason', 'varchar(16)')
        .addColumn('ended_by', 'varchar(10)')
        .execute();
      // One live call a dialog, kept by the database: two starts racing store one.
      await db.schema.createIndex('calls_calls_one_live').on('calls_calls').column('dialog_id').unique().where(sql.ref('state'), '<>', 'ended').execute();
      await db.schema.createIndex('calls_calls_visitor').on('calls_calls').columns(['visitor_id', 'state']).execute();
      await db.schema.createIndex('calls_calls_ringing').on('calls_calls').columns(['state', 'ring_deadline']).execute();
      await db.schema.createIndex('calls_calls_account').on('calls_calls').columns(['account_id', 'created_at']).execute();

      await db.schema
        .createTable('calls_legs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('call_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('side', 'varchar(10)', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('socket_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('media', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calls_legs_call').on('calls_legs').columns(['call_id', 'side']).execute();
      await db.schema.createIndex('calls_legs_socket').on('calls_legs').column('socket_id').execute();

      await db.schema
        .createTable('calls_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('call_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('calls_tokens_call').on('calls_tokens').column('call_id').execute();
    },
  },
  '0002-legs-seq': {
    // Each call.legs told carries the call's next number (legs_seq), so a client drops a list older than one it has.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('calls_calls').addColumn('legs_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0003-recordings': {
    // D4: recordings (calls_recordings) and the one under way of each call (its notice).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('calls_calls').addColumn('recording_id', 'varchar(36)').execute();
      await db.schema
        .createTable('calls_recordings')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('call_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('dialog_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('leg_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('mime', 'varchar(16)', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('stopped_at', 'bigint')
        .addColumn('posted_at', 'bigint')
        .execute();
      await db.schema.createIndex('calls_recordings_call').on('calls_recordings').column('call_id').execute();
    },
  },
  '0004-media-backend': {
    // Each call keeps the back-end it started with (an account's choice may change meanwhile), and a Jitsi call its room.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('calls_calls').addColumn('backend', 'varchar(8)', (c) => c.notNull().defaultTo('webrtc')).execute();
      await db.schema.alterTable('calls_calls').addColumn('jitsi_room', 'varchar(64)').execute();
    },
  },
  '0005-invites': {
    // D4: operators invited into a call (ringing until they answer or it times out), who joined
    // besides the two sides (`participants`), a guest's name on the grant of a participant link, and
    // who is on each leg (`name`, everyone sees it).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calls_invites')
        .addColumn('call_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('invited_by', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('calls_invites_pk', ['call_id', 'user_id'])
        .execute();
      await db.schema.createIndex('calls_invites_user').on('calls_invites').columns(['user_id', 'expires_at']).execute();
      await db.schema.alterTable('calls_calls').addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('calls_tokens').addColumn('name', 'varchar(200)').execute();
      await db.schema.alterTable('calls_legs').addColumn('name', 'varchar(200)').execute();
    },
  },
};
