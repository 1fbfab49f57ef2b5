import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the access hot paths.
 * - assignments (scope_tenant_id, user_id): capability holders walk one scope's assignments in
 *   user order and stop after a page, instead of grouping every assignment of every granting
 *   profile before they can sort and cut.
 * - tenants_disabled_idx, users_disabled_idx, partial: the few disabled tenants and users, so
 *   that "is anything on this tenant's path disabled?" and "is this holder disabled?" read only
 *   them instead of every tenant on the path or every holder's user row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('assignments_scope_user_idx')
    .on('assignments')
    .columns(['scope_tenant_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('tenants_disabled_idx')
    .on('tenants')
    .column('id')
    .where(sql.ref('enabled'), '=', sql.lit(0))
    .execute();
  await db.schema
    .createIndex('users_disabled_idx')
    .on('users')
    .column('id')
    .where(sql.ref('enabled'), '=', sql.lit(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_disabled_idx').execute();
  await db.schema.dropIndex('tenants_disabled_idx').execute();
  await db.schema.dropIndex('assignments_scope_user_idx').execute();
}
