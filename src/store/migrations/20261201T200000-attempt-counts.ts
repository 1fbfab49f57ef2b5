import type { Kysely } from 'kysely';

/**
 * Attempts at the credential-checking endpoints (token, sign-in), counted per key in fixed
 * windows in the database, so that several processes behind a load balancer allow a limit once
 * between them, not once each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  // The cleanup removes the windows that are over.
  await db.schema
    .createIndex('attempt_counts_window_idx')
    .on('attempt_counts')
    .column('window_start')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attempt_counts').execute();
}
