import type { Kysely } from 'kysely';

/**
 * Refresh tokens rotate: each use answers a new one. The hashes of used ones are kept (until
 * their session has ended), so that a used one presented again is recognised as a replay and
 * revokes the session it belonged to, with every token issued from it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rotated_refresh_tokens')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
    .addColumn('rotated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rotated_refresh_tokens_credential_idx')
    .on('rotated_refresh_tokens')
    .column('credential_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rotated_refresh_tokens').execute();
}
