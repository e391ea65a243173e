import { Migrator, type Kysely, type Migration } from 'kysely';
import { KernelError } from '../kernel/kernel-error.js';

/**
 * Runs one owner's migrations (the core's or a plugin's) with its own bookkeeping tables, so
 * plugins migrate independently of each other. A plugin may only create tables named `<id>_…`.
 */
export async function migrateOwner(
  db: Kysely<unknown>,
  owner: string,
  migrations: Record<string, Migration>,
): Promise<void> {
  const before = new Set((await db.introspection.getTables()).map((t) => t.name));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: `${owner}_migrations`,
    migrationLockTableName: `${owner}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KernelError(`Migration ${failed?.migrationName ?? ''} of "${owner}" failed: ${reason}`);
  }
  const foreign = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !before.has(name) && !name.startsWith(`${owner}_`));
  if (foreign.length) {
    throw new KernelError(`"${owner}" created tables outside its prefix "${owner}_": ${foreign.join(', ')}`);
  }
}
