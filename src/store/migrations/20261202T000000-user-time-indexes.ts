import type { Kysely } from 'kysely';

/**
 * Users pages sorted by creation or update time (`sort=-createdAt`, the newest first) walk an
 * index of the tenant's users in that order and stop after a page, instead of sorting every user
 * of the tenant for each page: at a million assignments (100,000 users in one tenant) that sort
 * took seconds. The id ends each key, as it ends every sort order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_tenant_created_idx')
    .on('users')
    .columns(['tenant_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('users_tenant_updated_idx')
    .on('users')
    .columns(['tenant_id', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_tenant_updated_idx').execute();
  await db.schema.dropIndex('users_tenant_created_idx').execute();
}
