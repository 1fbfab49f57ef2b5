import type { Kysely } from 'kysely';

/**
 * The signatures of HMAC-signed requests already accepted, until their timestamp's window ends:
 * the body is not signed, so a captured request could otherwise be sent again, with any body,
 * inside the window. Every process over the database shares them; the primary key makes the
 * second use of a signature lose, atomically, on SQLite and PostgreSQL alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('used_signatures')
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
    .addColumn('signature_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('used_signatures_pkey', ['credential_id', 'signature_hash'])
    .execute();
  await db.schema
    .createIndex('used_signatures_expiry_idx')
    .on('used_signatures')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('used_signatures').execute();
}
