import type { Kysely } from 'kysely';

/**
 * How a profile is checked out (Britive's resource profile fields: expiration, extensions,
 * exclusive check-out, delegation, policy ordering), as one JSON object: read together, written
 * together, never queried by. Existing profiles get '{}', which reads as the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('profiles')
    .addColumn('checkout', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('profiles').dropColumn('checkout').execute();
}
