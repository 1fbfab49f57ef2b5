import type { Kysely } from 'kysely';

/**
 * Credentials (OAuth clients, API keys, HMAC access keys, sign-in sessions), user passwords,
 * the token signing keys, and the audit trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    // The public half a request presents: a client id, an API key's prefix, an access key id.
    .addColumn('lookup', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('sealed_secret', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('credentials_kind_lookup_key', ['kind', 'lookup'])
    .execute();
  await db.schema
    .createIndex('credentials_tenant_kind_idx')
    .on('credentials')
    .columns(['tenant_id', 'kind', 'id'])
    .execute();
  await db.schema.createIndex('credentials_user_idx').on('credentials').column('user_id').execute();

  await db.schema
    .createTable('user_logins')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    // The most a session of this user may be granted.
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('sealed_private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Set when a newer key takes over; the key still verifies until its last token expires.
    .addColumn('retired_at', 'bigint')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    // The tenant's path when the event happened: who may read it follows the tree as it was.
    .addColumn('tenant_path', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('request_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_path_idx')
    .on('audit_events')
    .columns(['tenant_path', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_target_idx')
    .on('audit_events')
    .columns(['target_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'signing_keys', 'user_logins', 'credentials']) {
    await db.schema.dropTable(table).execute();
  }
}
