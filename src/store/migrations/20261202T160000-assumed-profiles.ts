import type { Kysely } from 'kysely';

/**
 * A session may stand for a profile assumed through `POST /v1/profiles/{id}/sessions` (the
 * temporary credentials of NAVER Cloud's External Access): deleting the profile deletes its
 * sessions (the cascade), so their tokens stop at once; a disabled profile's are refused when
 * presented.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('credentials')
    .addColumn('assumed_profile_id', 'text', (c) => c.references('profiles.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('credentials_assumed_profile_idx')
    .on('credentials')
    .column('assumed_profile_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('credentials_assumed_profile_idx').execute();
  await db.schema.alterTable('credentials').dropColumn('assumed_profile_id').execute();
}
