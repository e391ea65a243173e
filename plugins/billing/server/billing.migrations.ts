import type { Kysely, Migration } from 'kysely';
import { autoId } from '../../../core/src/index.js';

export const billingMigrations: Record<string, Migration> = {
  '0001-billing-orders': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('billing_orders')
        .$call(autoId(db))
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('payer_type', 'varchar(10)', (c) => c.notNull())
        .addColumn('payer', 'text', (c) => c.notNull())
        .addColumn('plan', 'varchar(20)', (c) => c.notNull())
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('months', 'integer', (c) => c.notNull())
        .addColumn('discount', 'integer', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('paid_at', 'bigint')
        .addColumn('payment_id', 'varchar(64)', (c) => c.unique())
        .addColumn('confirmation_url', 'text')
        .execute();
      await db.schema.createIndex('billing_orders_account').on('billing_orders').columns(['account_id', 'created_at']).execute();
    },
  },
};
