import type { Kysely } from 'kysely';

/**
 * The OAuth client a session was issued through (its client id), for the refresh_token grant:
 * a refresh token is good only with the client it was issued to (RFC 6749 section 6), never with
 * another client of the same tenant. Null for every other credential, and for sessions signed in
 * without a client (POST /v1/sessions, Visier's secure token).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').addColumn('issued_to', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').dropColumn('issued_to').execute();
}
