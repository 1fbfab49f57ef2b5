import type { Kysely } from 'kysely';

/**
 * A user's display name and employee id: Visier's users carry both, and they are plain account
 * facts other APIs may show too. Nullable, so existing users need no backfill.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('display_name', 'text').execute();
  await db.schema.alterTable('users').addColumn('employee_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('employee_id').execute();
  await db.schema.alterTable('users').dropColumn('display_name').execute();
}
