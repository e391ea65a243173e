import type { Kysely, Migration } from 'kysely';

export const goalsMigrations: Record<string, Migration> = {
  '0001-goals': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('goals_hits')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('visitor_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('goal_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('goal_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('goal_type', 'varchar(10)', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('props', 'text')
        .addColumn('visit_key', 'varchar(20)', (c) => c.notNull())
        .addColumn('reached_at', 'bigint', (c) => c.notNull())
        .execute();
      // Once per goal and visit, kept by the database (two hits racing store one).
      await db.schema.createIndex('goals_hits_once_per_visit').on('goals_hits').columns(['visitor_id', 'goal_id', 'visit_key']).unique().execute();
      // The panel's two reads: a visitor's hits (visitors list, card), the account's since a moment.
      await db.schema.createIndex('goals_hits_visitor').on('goals_hits').columns(['account_id', 'visitor_id', 'reached_at']).execute();
      await db.schema.createIndex('goals_hits_account').on('goals_hits').columns(['account_id', 'reached_at']).execute();

      await db.schema
        .createTable('goals_visits')
        .addColumn('visitor_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('goals_visits_site').on('goals_visits').column('site_id').execute();
    },
  },
};
