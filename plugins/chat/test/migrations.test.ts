import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase } from '../../../scripts/testing/postgres.mjs';
import { openDatabase } from '../../../core/src/store/database.js';
import { migrateOwner } from '../../../core/src/store/migrations.js';
import { chatMigrations } from '../server/chat.migrations.js';
import type { ChatTables } from '../server/chat.tables.js';

let db: Kysely<ChatTables>;

const dialog = (visitorId: string, lastMessageAt: number, status: 'open' | 'closed' = 'open') => ({
  id: randomUUID(),
  account_id: 'acc-1',
  site_id: 'site-1',
  visitor_id: visitorId,
  status,
  initiator: 'visitor' as const,
  assignee_id: null,
  department_id: null,
  important: 0,
  lead_class: null,
  rating: null,
  rating_comment: null,
  created_at: lastMessageAt - 1000,
  closed_at: status === 'closed' ? lastMessageAt : null,
  last_message_at: lastMessageAt,
  rating_requested_at: null,
});

beforeAll(async () => {
  const postgresUrl = inject('postgresUrl');
  const database = postgresUrl
    ? { engine: 'postgres' as const, url: await createDatabase(postgresUrl, `chat_migrations_${randomBytes(6).toString('hex')}`) }
    : { engine: 'sqlite' as const, file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-chat-migrations-')), 'callpy.db') };
  db = openDatabase<ChatTables>(database);
});
afterAll(async () => {
  await db?.destroy();
});

describe('chat migrations on a database with data', () => {
  it('0004 closes the twins of a visitor\'s open dialog, keeping the one written to last; 0005 keeps last activity', async () => {
    const before = Object.fromEntries(Object.entries(chatMigrations).filter(([name]) => name < '0004'));
    await migrateOwner(db as Kysely<unknown>, 'chat', before);
    // Two messages of one visitor handled at once each opened a dialog (before 0004).
    const twins = [dialog('v-twins', 1_000), dialog('v-twins', 3_000), dialog('v-twins', 2_000)];
    const single = dialog('v-single', 1_500);
    const archived = dialog('v-single', 500, 'closed');
    await db.insertInto('chat_dialogs').values([...twins, single, archived]).execute();

    await migrateOwner(db as Kysely<unknown>, 'chat', chatMigrations);
    const rows = await db.selectFrom('chat_dialogs').select(['id', 'status', 'closed_at']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(twins[1]!.id)).toMatchObject({ status: 'open', closed_at: null });
    expect(byId.get(twins[0]!.id)).toMatchObject({ status: 'closed', closed_at: 1_000 });
    expect(byId.get(twins[2]!.id)).toMatchObject({ status: 'closed', closed_at: 2_000 });
    expect(byId.get(single.id)).toMatchObject({ status: 'open', closed_at: null });
    expect(byId.get(archived.id)).toMatchObject({ status: 'closed', closed_at: 500 });

    // From now on the database refuses a second open dialog of a visitor, but not more closed ones.
    await expect(db.insertInto('chat_dialogs').values(dialog('v-single', 4_000)).execute()).rejects.toThrow(/unique/i);
    await db.insertInto('chat_dialogs').values(dialog('v-single', 4_000, 'closed')).execute();

    // A stored message moves its dialog's last activity by itself.
    await db
      .insertInto('chat_messages')
      .values({ id: randomUUID(), dialog_id: single.id, sender_key: 'v:v-single', client_id: 'c-1', author_kind: 'visitor', author_user_id: null, text: 'hi', attachments: '[]', created_at: 9_000, edited_at: null })
      .execute();
    const touched = await db.selectFrom('chat_dialogs').select(['id', 'last_message_at']).where('id', 'in', [single.id, twins[1]!.id]).execute();
    expect(Object.fromEntries(touched.map((d) => [d.id, d.last_message_at]))).toEqual({ [single.id]: 9_000, [twins[1]!.id]: 3_000 });
  });
});
