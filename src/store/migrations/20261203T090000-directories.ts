import type { Kysely } from 'kysely';

/**
 * A tenant's LDAP directories, and which directory entry an account or a group was synced from.
 * An entry is known by the directory's stable id (entryUUID, objectGUID), unique per directory, so
 * a rename or a move in the directory updates the same account. Deleting a directory keeps its
 * accounts (they become kept by hand: `set null`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('start_tls', 'integer', (c) => c.notNull())
    .addColumn('ca_certificate', 'text')
    .addColumn('tls_verify', 'integer', (c) => c.notNull())
    .addColumn('bind_dn', 'text', (c) => c.notNull())
    .addColumn('bind_password_sealed', 'text', (c) => c.notNull())
    .addColumn('base_dn', 'text', (c) => c.notNull())
    .addColumn('user_filter', 'text', (c) => c.notNull())
    .addColumn('group_filter', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('attribute_map', 'text', (c) => c.notNull())
    .addColumn('writable', 'integer', (c) => c.notNull())
    .addColumn('last_sync', 'text')
    .addColumn('last_synced_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('directories_tenant_name_key', ['tenant_id', 'name'])
    .execute();

  for (const table of ['users', 'groups'] as const) {
    await db.schema
      .alterTable(table)
      .addColumn('directory_id', 'text', (c) => c.references('directories.id').onDelete('set null'))
      .execute();
    await db.schema.alterTable(table).addColumn('directory_external_id', 'text').execute();
    await db.schema.alterTable(table).addColumn('directory_vanished_at', 'bigint').execute();
    await db.schema
      .createIndex(`${table}_directory_entry_key`)
      .on(table)
      .columns(['directory_id', 'directory_external_id'])
      .unique()
      .execute();
  }
  await db.schema.alterTable('groups').addColumn('directory_fqdn', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('directory_fqdn').execute();
  for (const table of ['users', 'groups'] as const) {
    await db.schema.dropIndex(`${table}_directory_entry_key`).execute();
    await db.schema.alterTable(table).dropColumn('directory_vanished_at').execute();
    await db.schema.alterTable(table).dropColumn('directory_external_id').execute();
    await db.schema.alterTable(table).dropColumn('directory_id').execute();
  }
  await db.schema.dropTable('directories').execute();
}
