import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { autoId, isPostgres } from '../../../core/src/index.js';

export const chatMigrations: Record<string, Migration> = {
  '0001-chat': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_visitors')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('generated_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)')
        .addColumn('email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
        .addColumn('phone', 'varchar(40)', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('device', 'varchar(10)', (c) => c.notNull())
        .addColumn('browser', 'varchar(60)', (c) => c.notNull())
        .addColumn('os', 'varchar(60)', (c) => c.notNull())
        .addColumn('location', 'varchar(120)', (c) => c.notNull().defaultTo(''))
        .addColumn('activity', 'varchar(10)', (c) => c.notNull())
        .addColumn('page_url', 'text')
        .addColumn('page_title', 'text')
        .addColumn('referrer', 'text')
        .addColumn('chat_open', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_visitors_account_seen').on('chat_visitors').columns(['account_id', 'last_seen_at']).execute();

      await db.schema
        .createTable('chat_page_views')
        .$call(autoId(db))
        .addColumn('visitor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('referrer', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('left_at', 'bigint')
        .execute();
      await db.schema.createIndex('chat_page_views_visitor').on('chat_page_views').columns(['visitor_id', 'at']).execute();

      await db.schema
        .createTable('chat_dialogs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('initiator', 'varchar(10)', (c) => c.notNull())
        .addColumn('assignee_id', 'integer')
        .addColumn('department_id', 'varchar(64)')
        .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lead_class', 'varchar(20)')
        .addColumn('rating', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .addColumn('last_message_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_dialogs_account_status').on('chat_dialogs').columns(['account_id', 'status', 'last_message_at']).execute();
      await db.schema.createIndex('chat_dialogs_visitor').on('chat_dialogs').columns(['visitor_id', 'status']).execute();

      await db.schema
        .createTable('chat_messages')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('dialog_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('sender_key', 'varchar(64)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('author_kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('author_user_id', 'integer')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('edited_at', 'bigint')
        .addUniqueConstraint('chat_messages_sender_client', ['sender_key', 'client_id'])
        .execute();
      await db.schema.createIndex('chat_messages_dialog').on('chat_messages').columns(['dialog_id', 'created_at']).execute();

      await db.schema
        .createTable('chat_operator_status')
        .addColumn('user_id', 'integer', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('chat_offline_requests')
        .$call(autoId(db))
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        .addColumn('phone', 'varchar(40)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  // C7 files, the file URLs' signing key, C15 rating requests that survive a reload, H6 retries.
  '0002-chat-attachments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_attachments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('uploader_key', 'varchar(64)', (c) => c.notNull())
        .addColumn('dialog_id', 'varchar(36)')
        .addColumn('message_id', 'varchar(36)')
        .addColumn('name', 'varchar(255)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_attachments_uploader').on('chat_attachments').columns(['uploader_key', 'created_at']).execute();
      await db.schema.createIndex('chat_attachments_unbound').on('chat_attachments').columns(['message_id', 'created_at']).execute();

      // Generated here, once per database, so every core process signs with the same key.
      await db.schema
        .createTable('chat_keys')
        .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('secret', 'varchar(200)', (c) => c.notNull())
        .execute();
      await sql`insert into chat_keys (name, secret) values ('file-urls', ${randomBytes(32).toString('base64url')})`.execute(db);

      await db.schema.alterTable('chat_dialogs').addColumn('rating_requested_at', 'bigint').execute();
      await db.schema.alterTable('chat_offline_requests').addColumn('client_id', 'varchar(64)').execute();
      await db.schema.createIndex('chat_offline_requests_client').on('chat_offline_requests').columns(['visitor_id', 'client_id']).unique().execute();
    },
  },
  // C11 quick replies (each operator's own) and C12 templates (shared by the account).
  '0003-chat-replies': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_quick_replies')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        // Unique per operator by text: a hash, since PostgreSQL cannot index a 2000-character text.
        .addColumn('text_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('chat_quick_replies_user_text', ['user_id', 'text_hash'])
        .execute();

      await db.schema
        .createTable('chat_templates')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        // The name in lower case: "Оплата" and "оплата" are one template name.
        .addColumn('name_key', 'varchar(100)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('chat_templates_account_name', ['account_id', 'name_key'])
        .execute();
    },
  },
  // One open dialog per visitor, held by the database: two messages of a visitor handled at once
  // (an outbox flushed after a reconnect, several tabs, several core processes) each found no open
  // dialog and opened their own. Such twins are closed first (they stay in History), keeping the
  // one written to last.
  '0004-chat-one-open-dialog': {
    async up(db: Kysely<unknown>) {
      await sql`
        update chat_dialogs set status = 'closed', closed_at = last_message_at
        where status = 'open' and exists (
          select 1 from chat_dialogs later
          where later.visitor_id = chat_dialogs.visitor_id and later.status = 'open'
            and (later.last_message_at > chat_dialogs.last_message_at or (later.last_message_at = chat_dialogs.last_message_at and later.id > chat_dialogs.id))
        )`.execute(db);
      await db.schema.createIndex('chat_dialogs_one_open').on('chat_dialogs').column('visitor_id').unique().where(sql.ref('status'), '=', 'open').execute();
    },
  },
  // A dialog's last activity follows its newest message inside the message's own insert: storing a
  // message is one statement (one round trip on PostgreSQL) instead of a transaction of two.
  '0005-chat-dialog-last-message': {
    async up(db: Kysely<unknown>) {
      if (isPostgres(db)) {
        await sql`
          create function chat_messages_touch_dialog() returns trigger language plpgsql as $$
          begin
            update chat_dialogs set last_message_at = new.created_at where id = new.dialog_id;
            return new;
          end $$`.execute(db);
        await sql`create trigger chat_messages_touch_dialog after insert on chat_messages for each row execute function chat_messages_touch_dialog()`.execute(db);
        return;
      }
      await sql`
        create trigger chat_messages_touch_dialog after insert on chat_messages for each row
        begin
          update chat_dialogs set last_message_at = new.created_at where id = new.dialog_id;
        end`.execute(db);
    },
  },
  // C17 quick buttons and C20 notification switches, per operator and account, on the server so
  // that every browser of the operator has them; and C12 template authors (operators write
  // templates too; the author and admins may change one).
  '0006-chat-operator-preferences': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_operator_preferences')
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('quick_actions', 'text')
        .addColumn('notify', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('chat_operator_preferences_pk', ['account_id', 'user_id'])
        .execute();
      await db.schema.alterTable('chat_templates').addColumn('created_by', 'integer').execute();
    },
  },
  // Read receipts: how far each side of a dialog has read, as the creation time of the newest
  // message it has seen (one mark per side, not per message: reading a message reads all before it).
  '0007-chat-read-marks': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('chat_dialogs').addColumn('visitor_read_at', 'bigint').execute();
      await db.schema.alterTable('chat_dialogs').addColumn('operator_read_at', 'bigint').execute();
    },
  },
  // Issue 9: the visitor's address (a keyed hash, never the address itself) for H6's limits per
  // address and for C13 blocks that outlive the visitor's token; offline requests join the chat.
  '0008-chat-visitor-addresses': {
    async up(db: Kysely<unknown>) {
      await sql`insert into chat_keys (name, secret) values ('addresses', ${randomBytes(32).toString('base64url')})`.execute(db);
      await db.schema.alterTable('chat_visitors').addColumn('address_hash', 'varchar(64)').execute();
      await db.schema.alterTable('chat_offline_requests').addColumn('address_hash', 'varchar(64)', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('chat_offline_requests_site_time').on('chat_offline_requests').columns(['site_id', 'created_at']).execute();
      await db.schema.createIndex('chat_offline_requests_address_time').on('chat_offline_requests').columns(['address_hash', 'created_at']).execute();
      await db.schema
        .createTable('chat_blocked_addresses')
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('address_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('chat_blocked_addresses_pk', ['site_id', 'address_hash'])
        .execute();
    },
  },
  // Issue 10: messages other plugins post through the chat's service — a bot's name or the
  // posting plugin's id, and a plugin-defined kind with the payload its plugin validated.
  '0009-chat-plugin-messages': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('chat_messages').addColumn('author_name', 'varchar(100)').execute();
      await db.schema.alterTable('chat_messages').addColumn('kind', 'varchar(100)').execute();
      await db.schema.alterTable('chat_messages').addColumn('payload', 'text').execute();
    },
  },
  // Issue 10: the switches of the notification kinds other plugins register (goals' «Цели») are
  // the operator's like the chat's own, so they follow the operator to another browser.
  '0010-chat-plugin-notify': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('chat_operator_preferences').addColumn('plugin_notify', 'text').execute();
    },
  },
};
