import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';

interface Tables {
  notes: { id: number; text: string };
}

describe('SQLite write-ahead log', () => {
  it('is copied into the database file in the background, not in the commits of the event loop', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-wal-')), 'callpy.db');
    const db = openDatabase<Tables>({ engine: 'sqlite', file });
    try {
      await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('text', 'text', (c) => c.notNull()).execute();
      const empty = fs.statSync(file).size;
      // About 200 pages: far below the threshold at which SQLite would checkpoint in a commit.
      for (let id = 1; id <= 200; id++) await db.insertInto('notes').values({ id, text: 'x'.repeat(3000) }).execute();
      expect(fs.statSync(file).size).toBe(empty);
      await expect.poll(() => fs.statSync(file).size, { timeout: 3000 }).toBeGreaterThan(200 * 3000);
      expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n).toBe(200);
    } finally {
      await db.destroy();
    }
  });
});
