import { newAccountNumber } from '../../store/account-number.js';
import * as tenants from '../../store/repositories/tenant.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { ConcurrentWrite, inTransaction } from '../transaction.js';
import { recordAudit } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { withoutPath, type PlacedTenant, type Tenant } from '../model/tenant.js';
import type { TenantCreate, TenantPatch } from '../schemas/tenant.schema.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';
import { mapPage } from './page.js';

const codeInUse = (code: string) => ({
  marker: 'code',
  code: 'tenant.code_in_use' as const,
  message: `tenant code "${code}" is already in use`,
});

/** Twelve random digits met twice (about once in two million tenants at a million): a retry gets others. */
const accountNumberRepeat = {
  marker: 'account_number',
  code: 'tenant.account_number_repeat' as const,
  message: 'the account number drawn for the tenant is taken: send the request again',
};

/** The installation-wide view, used before any tenant exists and by the CLI. */
export const wholeInstallation: ActingTenant = { id: '', path: '' };

/** A tenant of the acting subtree by id, with its path. */
export async function getPlacedTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
): Promise<PlacedTenant> {
  const tenant = await tenants.findTenant(ctx.db, acting.path, id);
  if (!tenant) throw new DomainError('tenant.not_found', `tenant ${id} does not exist`);
  return tenant;
}

/** Finds a tenant by id or code inside the acting subtree. */
export async function resolveTenantRef(
  ctx: CoreContext,
  acting: ActingTenant,
  ref: string,
): Promise<PlacedTenant> {
  const tenant = await tenants.findTenantByRef(ctx.db, acting.path, ref);
  if (!tenant) throw tenantNotFound(ref);
  return tenant;
}

export const tenantNotFound = (ref: string) =>
  new DomainError('tenant.not_found', `tenant "${ref}" does not exist`);

export async function getTenant(ctx: CoreContext, acting: ActingTenant, id: string): Promise<Tenant> {
  return withoutPath(await getPlacedTenant(ctx, acting, id));
}

export async function listTenants(
  ctx: CoreContext,
  acting: ActingTenant,
  params: ListParams,
): Promise<Page<Tenant>> {
  return mapPage(await tenants.listTenants(ctx.db, acting.path, params), withoutPath);
}

export async function createTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  input: TenantCreate,
  id: string = newId(),
): Promise<Tenant> {
  return inTransaction(ctx, async (tx) => {
    // Without a parentId: a child of the acting tenant; a root only for the installation itself.
    const parentId = input.parentId ?? (acting.path === '' ? undefined : acting.id);
    const parent = parentId ? await getPlacedTenant(tx, acting, parentId) : undefined;
    const now = ctx.now();
    await withUniqueRules(
      () =>
        tenants.insertTenant(tx.db, {
          id,
          code: input.code,
          name: input.name,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          enabled: input.enabled ?? true,
          address: input.address ?? null,
          settings: input.settings ?? {},
          accountNumber: newAccountNumber(),
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      [codeInUse(input.code), accountNumberRepeat],
    );
    const created = await getTenant(tx, wholeInstallation, id);
    await recordAudit(tx, await ownTenant(tx, id), tenantAudit('create', undefined, created));
    return created;
  });
}

/** A tenant's own events are filed under it, so its ancestors see them too. */
async function ownTenant(ctx: CoreContext, id: string): Promise<ActingTenant> {
  const tenant = await getPlacedTenant(ctx, wholeInstallation, id);
  return { id: tenant.id, path: tenant.path };
}

function tenantAudit(verb: string, before: Tenant | undefined, after: Tenant | undefined) {
  const id = (after ?? before)!.id;
  return { action: `tenant.${verb}`, targetType: 'tenant', targetId: id, before, after };
}

export async function updateTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
  patch: TenantPatch,
  expectedVersion?: number,
): Promise<Tenant> {
  return inTransaction(ctx, async (tx) => {
    const current = await writeAtVersion(
      `tenant ${id}`,
      () => getPlacedTenant(tx, acting, id),
      expectedVersion,
      async (tenant, version) => {
        let path = tenant.path;
        if (patch.parentId !== undefined && patch.parentId !== tenant.parentId) {
          path = await movedPath(tx, acting, tenant, patch.parentId);
          await tenants.reparentSubtree(tx.db, tenant.path, path);
        }
        return withUniqueRules(
          () => tenants.updateTenant(tx.db, id, version, { ...patch, path, updatedAt: ctx.now() }),
          [codeInUse(patch.code ?? tenant.code)],
        );
      },
    );
    const after = await getTenant(tx, wholeInstallation, id);
    await recordAudit(tx, await ownTenant(tx, id), tenantAudit('update', withoutPath(current), after));
    return after;
  });
}

/**
 * A read-modify-write of a tenant: `patchOf` computes the change from the tenant as it is, and the
 * change is written at that version. A write by someone else in between makes the whole of it run
 * again (so a merge never loses what the other wrote); an empty patch writes nothing.
 */
export async function updateTenantFrom(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
  patchOf: (current: Tenant) => TenantPatch,
): Promise<Tenant> {
  return inTransaction(ctx, async (tx) => {
    const current = await getTenant(tx, acting, id);
    const patch = patchOf(current);
    if (Object.keys(patch).length === 0) return current;
    try {
      return await updateTenant(tx, acting, id, patch, current.version);
    } catch (error) {
      // Not a client's If-Match: the version is the one just read, so the race is ours to rerun.
      if (error instanceof DomainError && error.code === 'precondition.failed')
        throw new ConcurrentWrite(`tenant ${id}`);
      throw error;
    }
  });
}

/** The path the tenant gets under its new parent; refuses cycles and moves out of the acting subtree. */
async function movedPath(
  ctx: CoreContext,
  acting: ActingTenant,
  tenant: PlacedTenant,
  newParentId: string | null,
): Promise<string> {
  if (newParentId === null) {
    if (acting.path !== '')
      throw new DomainError('validation.failed', 'only the installation can make a tenant a root');
    return `/${tenant.id}/`;
  }
  const parent = await getPlacedTenant(ctx, acting, newParentId);
  if (parent.path.startsWith(tenant.path)) {
    throw new DomainError(
      'tenant.cycle',
      parent.id === tenant.id
        ? `tenant ${tenant.id} cannot be its own parent`
        : `tenant ${parent.id} is a descendant of ${tenant.id}: moving under it would make a cycle`,
    );
  }
  return `${parent.path}${tenant.id}/`;
}

export async function deleteTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await writeAtVersion(
      `tenant ${id}`,
      () => getPlacedTenant(tx, acting, id),
      expectedVersion,
      async (_tenant, version) => {
        if ((await tenants.countChildren(tx.db, id)) > 0) {
          throw new DomainError(
            'tenant.has_children',
            `tenant ${id} has child tenants: move or delete them first`,
          );
        }
        return tenants.deleteTenant(tx.db, id, version);
      },
    );
    await recordAudit(
      tx,
      { id: current.id, path: current.path },
      tenantAudit('delete', withoutPath(current), undefined),
    );
  });
}

/** The codes of these tenants (those inside the acting subtree), by id. */
export async function tenantCodes(
  ctx: CoreContext,
  acting: ActingTenant,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = ids.length === 0 ? [] : await tenants.findTenantsByIds(ctx.db, ids);
  return new Map(found.filter((t) => t.path.startsWith(acting.path)).map((t) => [t.id, t.code]));
}
