import { sql, type Kysely } from 'kysely';
import { newAccountNumber } from '../account-number.js';

/**
 * The tenant's role catalog, and the account number that names a tenant in NAVER Cloud resource
 * names (NRNs).
 *
 * Profiles name their roles (`profiles.roles`, a JSON list of names); a role of the catalog is
 * one such name with an id, a kind and what it stands for. Names are unique in a tenant and never
 * change (they are the reference), so no profile's list needs rewriting.
 *
 * Every tenant gets an account number once: twelve random digits, unique in the installation
 * (the index refuses a repeat). Tenants made before this migration get theirs here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('capabilities', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('roles_tenant_name_key', ['tenant_id', 'name'])
    .execute();

  await db.schema.alterTable('tenants').addColumn('account_number', 'text').execute();
  const { rows: tenants } = await sql<{ id: string }>`select id from tenants`.execute(db);
  const taken = new Set<string>();
  for (const { id } of tenants) {
    let number = newAccountNumber();
    while (taken.has(number)) number = newAccountNumber();
    taken.add(number);
    await sql`update tenants set account_number = ${number} where id = ${id}`.execute(db);
  }
  await db.schema
    .createIndex('tenants_account_number_key')
    .on('tenants')
    .column('account_number')
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tenants_account_number_key').execute();
  await db.schema.alterTable('tenants').dropColumn('account_number').execute();
  await db.schema.dropTable('roles').execute();
}
