import type { Kysely, Migration } from 'kysely';
import { autoId } from '../../../core/src/index.js';

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
};
