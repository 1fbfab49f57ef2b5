import type { ListParams, Page } from '../../store/query/list-page.js';
import * as roles from '../../store/repositories/role.repository.js';
import { audited } from '../audit/audit.service.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { roleNrn } from '../model/nrn.js';
import type { Role } from '../model/role.js';
import type { RoleCreate, RolePatch } from '../schemas/role.schema.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'role.name_in_use' as const,
    message: `role name "${name}" is already in use in this tenant`,
  },
];

export const roleNotFound = (id: string) => new DomainError('role.not_found', `role ${id} does not exist`);

export async function getRole(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Role> {
  const role = await cachedRead(ctx, `role:${tenant.id}:${id}`, ['roles'], () =>
    roles.findRole(ctx.db, tenant.id, id),
  );
  if (!role) throw roleNotFound(id);
  return role;
}

export function listRoles(ctx: CoreContext, tenant: ActingTenant, params: ListParams): Promise<Page<Role>> {
  return cachedRead(ctx, `roles:${tenant.id}:${JSON.stringify(params)}`, ['roles'], () =>
    roles.listRoles(ctx.db, tenant.id, params),
  );
}

/** The tenant's roles among these ids, by id (in one query); an id no role has is absent. */
export async function rolesOfIds(
  ctx: CoreContext,
  tenant: ActingTenant,
  ids: readonly string[],
): Promise<Map<string, Role>> {
  const found = ids.length === 0 ? [] : await roles.findRolesById(ctx.db, tenant.id, [...new Set(ids)]);
  return new Map(found.map((r) => [r.id, r]));
}

/** The tenant's catalog roles among these names (a name no role has is left out). */
export function rolesByName(
  ctx: CoreContext,
  tenant: ActingTenant,
  names: readonly string[],
): Promise<Role[]> {
  return cachedRead(ctx, `roles-by-name:${tenant.id}:${JSON.stringify(names)}`, ['roles'], () =>
    roles.findRolesByName(ctx.db, tenant.id, names),
  );
}

/**
 * The NRNs of the catalog roles among `names` (a profile's roles), in their order: a name no
 * catalog role has (given through another API) has no NRN and is left out.
 */
export async function roleNrnsOf(
  ctx: CoreContext,
  tenant: ActingTenant,
  accountNumber: string,
  names: readonly string[],
): Promise<string[]> {
  if (names.length === 0) return [];
  const byName = new Map((await rolesByName(ctx, tenant, names)).map((r) => [r.name, r]));
  return names.flatMap((name) => {
    const role = byName.get(name);
    return role ? [roleNrn(accountNumber, role.id)] : [];
  });
}

/** The profiles of the tenant that carry the role, by id and name. */
export function profilesWithRole(ctx: CoreContext, tenant: ActingTenant, role: Role) {
  return roles.profilesNamingRole(ctx.db, tenant.id, role.name);
}

export async function createRole(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: RoleCreate,
  id: string = newId(),
): Promise<Role> {
  return audited(ctx, tenant, { type: 'role', id, verb: 'create' }, async (tx) => {
    const now = ctx.now();
    const role: Role = {
      id,
      tenantId: tenant.id,
      name: input.name,
      kind: input.kind ?? 'external-access',
      description: input.description ?? null,
      capabilities: input.capabilities ?? [],
      permissions: input.permissions ?? [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await withUniqueRules(() => roles.insertRole(tx.db, role), nameInUse(input.name));
    return getRole(tx, tenant, id);
  });
}

/** Changes a role's kind, description or what it stands for (never its name: profiles name it). */
export async function updateRole(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: RolePatch,
  expectedVersion?: number,
): Promise<Role> {
  const before = (tx: CoreContext) => getRole(tx, tenant, id);
  return audited(ctx, tenant, { type: 'role', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `role ${id}`,
      () => getRole(tx, tenant, id),
      expectedVersion,
      (_role, version) => roles.updateRole(tx.db, tenant.id, id, version, { ...patch, updatedAt: ctx.now() }),
    );
    return getRole(tx, tenant, id);
  });
}

/** Deletes a role no profile carries; one that a profile carries is `role.in_use`, naming them. */
export async function deleteRole(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getRole(tx, tenant, id);
  await audited(ctx, tenant, { type: 'role', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `role ${id}`,
      () => getRole(tx, tenant, id),
      expectedVersion,
      async (role, version) => {
        const holders = await profilesWithRole(tx, tenant, role);
        if (holders.length > 0) {
          const names = holders.slice(0, 5).map((p) => `"${p.name}"`);
          throw new DomainError(
            'role.in_use',
            `role "${role.name}" is carried by ${holders.length} profile(s) (${names.join(', ')}${holders.length > 5 ? ', ...' : ''}): remove it from them first`,
          );
        }
        return roles.deleteRole(tx.db, tenant.id, id, version);
      },
    );
  });
}
