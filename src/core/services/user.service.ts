import type { Updateable } from 'kysely';
import type { ListParams, Page } from '../../store/query/list-page.js';
import * as users from '../../store/repositories/user.repository.js';
import type { UserTable } from '../../store/tables/user.table.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { userFromRow } from '../mappers/user.mapper.js';
import type { User } from '../model/user.js';
import type { UserCreate, UserPatch } from '../schemas/user.schema.js';
import { audited } from '../audit/audit.service.js';
import { mapPage } from './page.js';
import { withUniqueRules } from './unique.js';
import { checkVersion, concurrentChange } from './versioning.js';

function uniqueRules(username: string, email: string | null | undefined) {
  return [
    {
      marker: 'username',
      code: 'user.username_in_use' as const,
      message: `username "${username}" is already in use in this tenant`,
    },
    {
      marker: 'email',
      code: 'user.email_in_use' as const,
      message: `email "${email ?? ''}" is already in use in this tenant`,
    },
  ];
}

export async function getUserRow(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<users.UserRow> {
  const row = await users.findUser(ctx.db, tenant.id, id);
  if (!row) throw new DomainError('user.not_found', `user ${id} does not exist`);
  return row;
}

export async function getUser(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<User> {
  return userFromRow(await getUserRow(ctx, tenant, id));
}

export async function listUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<User>> {
  return mapPage(await users.listUsers(ctx.db, tenant.id, params), userFromRow);
}

function userColumns(input: UserPatch): Updateable<UserTable> {
  const d = input.directory;
  return {
    ...(input.username !== undefined && { username: input.username }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.displayName !== undefined && { display_name: input.displayName }),
    ...(input.employeeId !== undefined && { employee_id: input.employeeId }),
    ...(input.givenName !== undefined && { given_name: input.givenName }),
    ...(input.familyName !== undefined && { family_name: input.familyName }),
    ...(input.nickname !== undefined && { nickname: input.nickname }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
    ...(d?.provider !== undefined && { directory_provider: d.provider }),
    ...(d?.fqdn !== undefined && { directory_fqdn: d.fqdn }),
    ...(d?.sid !== undefined && { directory_sid: d.sid }),
    ...(d?.actualGroups !== undefined && { actual_groups: JSON.stringify(d.actualGroups) }),
    ...(d?.actualAttributes !== undefined && { actual_attributes: JSON.stringify(d.actualAttributes) }),
  };
}

export async function createUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: UserCreate,
  id: string = newId(),
): Promise<User> {
  return audited(ctx, tenant, { type: 'user', id, verb: 'create' }, async (tx) => {
    const now = ctx.now();
    await withUniqueRules(
      () =>
        users.insertUser(tx.db, {
          id,
          tenant_id: tenant.id,
          username: input.username,
          display_name: null,
          employee_id: null,
          email: null,
          given_name: null,
          family_name: null,
          nickname: null,
          role: null,
          locale: null,
          enabled: 1,
          directory_provider: null,
          directory_fqdn: null,
          directory_sid: null,
          actual_groups: '[]',
          actual_attributes: '[]',
          ...userColumns(input),
          created_at: now,
          updated_at: now,
          version: 1,
        }),
      uniqueRules(input.username, input.email),
    );
    return getUser(tx, tenant, id);
  });
}

export async function updateUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: UserPatch,
  expectedVersion?: number,
): Promise<User> {
  const before = (tx: CoreContext) => getUser(tx, tenant, id);
  return audited(ctx, tenant, { type: 'user', id, verb: 'update', before }, async (tx) => {
    const row = await getUserRow(tx, tenant, id);
    const version = checkVersion(`user ${id}`, row.version, expectedVersion);
    const changed = await withUniqueRules(
      () => users.updateUser(tx.db, tenant.id, id, version, { ...userColumns(patch), updated_at: ctx.now() }),
      uniqueRules(patch.username ?? row.username, patch.email ?? row.email),
    );
    if (!changed) throw concurrentChange(`user ${id}`);
    return getUser(tx, tenant, id);
  });
}

export async function deleteUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getUser(tx, tenant, id);
  await audited(ctx, tenant, { type: 'user', id, verb: 'delete', before }, async (tx) => {
    const row = await getUserRow(tx, tenant, id);
    const version = checkVersion(`user ${id}`, row.version, expectedVersion);
    if (!(await users.deleteUser(tx.db, tenant.id, id, version))) throw concurrentChange(`user ${id}`);
  });
}
