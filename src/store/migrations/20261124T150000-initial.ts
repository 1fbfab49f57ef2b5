import type { Kysely } from 'kysely';
import { seedCapabilities } from './capability-seed.js';

/** The first schema: tenants, users, groups, the capability catalog, profiles, assignments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('tenants.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tenants_parent_idx').on('tenants').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('nickname', 'text')
    .addColumn('role', 'text')
    .addColumn('locale', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('directory_provider', 'text')
    .addColumn('directory_fqdn', 'text')
    .addColumn('directory_sid', 'text')
    .addColumn('actual_groups', 'text', (c) => c.notNull())
    .addColumn('actual_attributes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('users_tenant_username_key', ['tenant_id', 'username'])
    .addUniqueConstraint('users_tenant_email_key', ['tenant_id', 'email'])
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('provider', 'text')
    .addColumn('sid', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('groups_tenant_name_key', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pkey', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user_idx').on('group_members').column('user_id').execute();

  await db.schema
    .createTable('capabilities')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('color', 'text')
    .addColumn('initials', 'text')
    .addColumn('session_duration_seconds', 'integer')
    .addColumn('additional_capabilities', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('desired_groups', 'text', (c) => c.notNull())
    .addColumn('desired_ldap_attributes', 'text', (c) => c.notNull())
    .addColumn('associations', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('policies', 'text', (c) => c.notNull())
    .addColumn('advanced_settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('last_accessed_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('profiles_tenant_name_key', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('profile_capabilities')
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('capability', 'text', (c) => c.notNull().references('capabilities.name'))
    .addColumn('access_level', 'integer', (c) => c.notNull())
    .addColumn('view_level', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_capabilities_pkey', ['profile_id', 'capability'])
    .execute();
  await db.schema
    .createIndex('profile_capabilities_holder_idx')
    .on('profile_capabilities')
    .columns(['capability', 'access_level', 'profile_id'])
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope_tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('include_descendants', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'bigint')
    .addColumn('valid_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assignments_profile_user_scope_key', ['profile_id', 'user_id', 'scope_tenant_id'])
    .execute();
  // Effective access starts from the user; holders start from the profile; both then check the scope.
  await db.schema
    .createIndex('assignments_user_scope_idx')
    .on('assignments')
    .columns(['user_id', 'scope_tenant_id'])
    .execute();
  await db.schema
    .createIndex('assignments_scope_idx')
    .on('assignments')
    .columns(['scope_tenant_id', 'profile_id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['tenant_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created_idx')
    .on('idempotency_keys')
    .column('created_at')
    .execute();

  await seedCapabilities(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'assignments',
    'profile_capabilities',
    'profiles',
    'capabilities',
    'group_members',
    'groups',
    'users',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
