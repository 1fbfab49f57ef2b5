import type { Executor } from '../executor.js';
import { disabledOnPath } from './tenant.repository.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type {
  CredentialKind,
  CredentialTable,
  SigningKeyTable,
  UserLoginTable,
} from '../tables/credential.table.js';

export type CredentialRow = CredentialTable;
export type UserLoginRow = UserLoginTable;
export type SigningKeyRow = SigningKeyTable;
export type { CredentialKind };

export const credentialFields: FieldMap = {
  id: { column: 'credentials.id', type: 'string', sortable: true },
  name: { column: 'credentials.name', type: 'string', sortable: true },
  userId: { column: 'credentials.user_id', type: 'string' },
  expiresAt: { column: 'credentials.expires_at', type: 'instant' },
  revokedAt: { column: 'credentials.revoked_at', type: 'instant' },
  lastUsedAt: { column: 'credentials.last_used_at', type: 'instant' },
  createdAt: { column: 'credentials.created_at', type: 'instant', sortable: true },
  createdBy: { column: 'credentials.created_by', type: 'string' },
};

export async function insertCredential(db: Executor, row: CredentialRow): Promise<void> {
  await db.insertInto('credentials').values(row).execute();
}

/** A credential with its tenant's path: all that authenticating a request reads, in one query. */
export interface PresentedCredentialRow extends CredentialRow {
  tenant_path: string;
  /** The credential's tenant, or one above it, is disabled (a boolean, or 0/1 on SQLite). */
  tenant_disabled: unknown;
  /** The user it acts as is enabled (1), disabled (0), or there is none (null). */
  user_enabled: number | null;
}

/** A credential with what decides whether it may act: its tenant's path and state, its user's. */
const withTenantPath = (db: Executor) =>
  db
    .selectFrom('credentials')
    .innerJoin('tenants', 'tenants.id', 'credentials.tenant_id')
    .leftJoin('users', 'users.id', 'credentials.user_id')
    .selectAll('credentials')
    .select([
      'tenants.path as tenant_path',
      disabledOnPath('tenants.path').as('tenant_disabled'),
      'users.enabled as user_enabled',
    ]);

/** The credential a request presents, found by its public half (an indexed unique key). */
export async function findCredentialByLookup(
  db: Executor,
  kind: CredentialKind,
  lookup: string,
): Promise<PresentedCredentialRow | undefined> {
  return withTenantPath(db)
    .where('credentials.kind', '=', kind)
    .where('credentials.lookup', '=', lookup)
    .executeTakeFirst();
}

/** By id, across tenants: for verifying a token that names its credential. */
export async function findCredentialById(
  db: Executor,
  id: string,
): Promise<PresentedCredentialRow | undefined> {
  return withTenantPath(db).where('credentials.id', '=', id).executeTakeFirst();
}

export async function findCredential(
  db: Executor,
  tenantId: string,
  kind: CredentialKind,
  id: string,
): Promise<CredentialRow | undefined> {
  return db
    .selectFrom('credentials')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCredentials(
  db: Executor,
  tenantId: string,
  kind: CredentialKind,
  params: ListParams,
): Promise<Page<CredentialRow>> {
  const base = db
    .selectFrom('credentials')
    .selectAll('credentials')
    .where('credentials.tenant_id', '=', tenantId)
    .where('credentials.kind', '=', kind);
  return listPage(base, credentialFields, params, '-createdAt');
}

export async function revokeCredential(
  db: Executor,
  tenantId: string,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('credentials')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live credential of `kinds` acting as the user; answers how many. */
export async function revokeUserCredentials(
  db: Executor,
  userId: string,
  kinds: readonly CredentialKind[],
  at: number,
): Promise<number> {
  const result = await db
    .updateTable('credentials')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('kind', 'in', kinds)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateCredential(
  db: Executor,
  tenantId: string,
  id: string,
  change: Partial<Pick<CredentialRow, 'name' | 'scopes' | 'expires_at'>>,
): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await db
    .updateTable('credentials')
    .set(change)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function updateCredentialSecret(
  db: Executor,
  id: string,
  secret: Pick<CredentialRow, 'secret_hash' | 'scopes'>,
): Promise<void> {
  await db.updateTable('credentials').set(secret).where('id', '=', id).execute();
}

/** Stores a new hash of the same secret, unless the secret changed meanwhile. */
export async function replaceSecretHash(db: Executor, id: string, old: string, replacement: string) {
  await db
    .updateTable('credentials')
    .set({ secret_hash: replacement })
    .where('id', '=', id)
    .where('secret_hash', '=', old)
    .execute();
}

/** Records use at most once per `granularity` ms, so the hot path rarely writes. */
export async function touchCredential(db: Executor, id: string, at: number, granularity: number) {
  await db
    .updateTable('credentials')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at - granularity)]))
    .execute();
}

export async function findUserLogin(db: Executor, userId: string): Promise<UserLoginRow | undefined> {
  return db.selectFrom('user_logins').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The logins of these users of the tenant (one query; the ids are a page of users, a few hundred at most). */
export async function findUserLogins(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
): Promise<UserLoginRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_logins')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function upsertUserLogin(db: Executor, row: UserLoginRow): Promise<void> {
  await db
    .insertInto('user_logins')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        password_hash: row.password_hash,
        scopes: row.scopes,
        changed_at: row.changed_at,
      }),
    )
    .execute();
}

export async function listSigningKeys(db: Executor): Promise<SigningKeyRow[]> {
  return db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
}

export async function insertSigningKey(db: Executor, row: SigningKeyRow): Promise<void> {
  await db.insertInto('signing_keys').values(row).execute();
}

export async function retireSigningKeys(db: Executor, exceptKid: string, at: number): Promise<void> {
  await db
    .updateTable('signing_keys')
    .set({ retired_at: at })
    .where('kid', '!=', exceptKid)
    .where('retired_at', 'is', null)
    .execute();
}

/** Forgets keys retired before `before` (their tokens have all expired). */
export async function deleteRetiredSigningKeys(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('signing_keys').where('retired_at', '<', before).execute();
}
