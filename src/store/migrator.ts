import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

export interface MigrationOutcome {
  applied: string[];
}

/** Applies every pending migration; throws (with the failing migration's name) on the first failure. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationOutcome> {
  const { error, results } = await migrator(db).migrateToLatest();
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return { applied };
}

/** Names of migrations known to the code but not yet applied to the database. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
