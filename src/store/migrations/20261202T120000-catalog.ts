import type { Kysely } from 'kysely';

/**
 * The tenant's catalog that profiles draw on: resource types, their permissions with versions,
 * and label keys with their allowed values.
 *
 * A permission's versions are rows of their own rather than a JSON list on the permission: they
 * are only ever appended, so adding one is an insert (under the permission's optimistic lock),
 * the primary key refuses two versions of one number, and a page of versions is a query. A
 * version's variables are JSON: they are read whole and never queried by.
 *
 * A resource type with permissions may not be deleted (resource_type.has_permissions): the
 * service says so, and the foreign key (no cascade) closes the race of a permission created
 * while its type is deleted. Deleting a tenant still removes all of it: every table cascades
 * from tenants.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resource_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('resource_types_tenant_name_key', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('catalog_permissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('resource_type_id', 'text', (c) => c.notNull().references('resource_types.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_draft', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('catalog_permissions_type_name_key', ['resource_type_id', 'name'])
    .execute();
  // The tenant's whole list in name order; a resource type's list walks the unique key above.
  await db.schema
    .createIndex('catalog_permissions_tenant_name_idx')
    .on('catalog_permissions')
    .columns(['tenant_id', 'name', 'id'])
    .execute();

  await db.schema
    .createTable('catalog_permission_versions')
    .addColumn('permission_id', 'text', (c) =>
      c.notNull().references('catalog_permissions.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_permission_versions_pkey', ['permission_id', 'version'])
    .execute();

  await db.schema
    .createTable('labels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('labels_tenant_key_name_key', ['tenant_id', 'key_name'])
    .execute();

  await db.schema
    .createTable('label_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label_id', 'text', (c) => c.notNull().references('labels.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('label_values_label_name_key', ['label_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'label_values',
    'labels',
    'catalog_permission_versions',
    'catalog_permissions',
    'resource_types',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
