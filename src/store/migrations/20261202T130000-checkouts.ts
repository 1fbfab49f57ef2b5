import { sql, type Kysely } from 'kysely';

/**
 * Check-outs of profiles: who holds which profile through which assignment, from when until
 * when, how often extended, when checked in. The assignment is referenced by id without a
 * foreign key: an administrator may remove it (the check-out then grants nothing), and the
 * check-out stays in the history. `checkouts_open_idx` holds the check-outs not checked in, by
 * profile and end, so that "who holds this profile now" reads only those still running.
 *
 * `checkout_locks` has one row per profile ever checked out: every check-out write of a profile
 * first writes that row, so that such writes run one at a time (see checkout.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assignment_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('checked_out_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('extensions_used', 'integer', (c) => c.notNull())
    .addColumn('checked_in_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('checkouts_profile_idx')
    .on('checkouts')
    .columns(['tenant_id', 'profile_id', 'checked_out_at', 'id'])
    .execute();
  await db.schema
    .createIndex('checkouts_open_idx')
    .on('checkouts')
    .columns(['tenant_id', 'profile_id', 'expires_at'])
    .where(sql.ref('checked_in_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('checkout_locks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkout_locks_pkey', ['tenant_id', 'profile_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('checkout_locks').execute();
  await db.schema.dropTable('checkouts').execute();
}
