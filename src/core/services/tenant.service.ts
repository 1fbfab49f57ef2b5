import * as tenants from '../../store/repositories/tenant.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { inTransaction } from '../transaction.js';
import { recordAudit } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { tenantFromRow } from '../mappers/tenant.mapper.js';
import type { Tenant } from '../model/tenant.js';
import type { TenantCreate, TenantPatch } from '../schemas/tenant.schema.js';
import { withUniqueRules } from './unique.js';
import { checkVersion, concurrentChange } from './versioning.js';
import { mapPage } from './page.js';

const codeInUse = (code: string) => ({
  marker: 'code',
  code: 'tenant.code_in_use' as const,
  message: `tenant code "${code}" is already in use`,
});

/** The installation-wide view, used before any tenant exists and by the CLI. */
export const wholeInstallation: ActingTenant = { id: '', path: '' };

export async function getTenantRow(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
): Promise<tenants.TenantRow> {
  const row = await tenants.findTenant(ctx.db, acting.path, id);
  if (!row) throw new DomainError('tenant.not_found', `tenant ${id} does not exist`);
  return row;
}

/** Finds a tenant by id or code inside the acting subtree. */
export async function resolveTenantRef(
  ctx: CoreContext,
  acting: ActingTenant,
  ref: string,
): Promise<tenants.TenantRow> {
  const row = await tenants.findTenantByRef(ctx.db, acting.path, ref);
  if (!row) throw tenantNotFound(ref);
  return row;
}

export const tenantNotFound = (ref: string) =>
  new DomainError('tenant.not_found', `tenant "${ref}" does not exist`);

export async function getTenant(ctx: CoreContext, acting: ActingTenant, id: string): Promise<Tenant> {
  return tenantFromRow(await getTenantRow(ctx, acting, id));
}

export async function listTenants(
  ctx: CoreContext,
  acting: ActingTenant,
  params: ListParams,
): Promise<Page<Tenant>> {
  return mapPage(await tenants.listTenants(ctx.db, acting.path, params), tenantFromRow);
}

export async function createTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  input: TenantCreate,
  id: string = newId(),
): Promise<Tenant> {
  return inTransaction(ctx, async (tx) => {
    const trx = tx.db;
    // Without a parentId: a child of the acting tenant; a root only for the installation itself.
    const parentId = input.parentId ?? (acting.path === '' ? undefined : acting.id);
    const parent = parentId ? await getTenantRow(tx, acting, parentId) : undefined;
    const now = ctx.now();
    await withUniqueRules(
      () =>
        tenants.insertTenant(trx, {
          id,
          code: input.code,
          name: input.name,
          parent_id: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          enabled: input.enabled === false ? 0 : 1,
          address: input.address ? JSON.stringify(input.address) : null,
          settings: JSON.stringify(input.settings ?? {}),
          created_at: now,
          updated_at: now,
          version: 1,
        }),
      [codeInUse(input.code)],
    );
    const created = await getTenant(tx, wholeInstallation, id);
    await recordAudit(tx, await ownTenant(tx, id), tenantAudit('create', undefined, created));
    return created;
  });
}

/** A tenant's own events are filed under it, so its ancestors see them too. */
async function ownTenant(ctx: CoreContext, id: string): Promise<ActingTenant> {
  const row = await getTenantRow(ctx, wholeInstallation, id);
  return { id: row.id, path: row.path };
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
    const trx = tx.db;
    const row = await getTenantRow(tx, acting, id);
    const before = tenantFromRow(row);
    const version = checkVersion(`tenant ${id}`, row.version, expectedVersion);
    let path = row.path;
    if (patch.parentId !== undefined && patch.parentId !== row.parent_id) {
      path = await movedPath(tx, acting, row, patch.parentId);
      await tenants.reparentSubtree(trx, row.path, path);
    }
    const changed = await withUniqueRules(
      () =>
        tenants.updateTenant(trx, id, version, {
          ...(patch.code !== undefined && { code: patch.code }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
          ...(patch.enabled !== undefined && { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.address !== undefined && {
            address: patch.address ? JSON.stringify(patch.address) : null,
          }),
          ...(patch.settings !== undefined && { settings: JSON.stringify(patch.settings) }),
          path,
          updated_at: ctx.now(),
        }),
      [codeInUse(patch.code ?? row.code)],
    );
    if (!changed) throw concurrentChange(`tenant ${id}`);
    const after = await getTenant(tx, wholeInstallation, id);
    await recordAudit(tx, await ownTenant(tx, id), tenantAudit('update', before, after));
    return after;
  });
}

/** The path the tenant gets under its new parent; refuses cycles and moves out of the acting subtree. */
async function movedPath(
  ctx: CoreContext,
  acting: ActingTenant,
  row: tenants.TenantRow,
  newParentId: string | null,
): Promise<string> {
  if (newParentId === null) {
    if (acting.path !== '')
      throw new DomainError('validation.failed', 'only the installation can make a tenant a root');
    return `/${row.id}/`;
  }
  const parent = await getTenantRow(ctx, acting, newParentId);
  if (parent.path.startsWith(row.path)) {
    throw new DomainError(
      'tenant.cycle',
      parent.id === row.id
        ? `tenant ${row.id} cannot be its own parent`
        : `tenant ${parent.id} is a descendant of ${row.id}: moving under it would make a cycle`,
    );
  }
  return `${parent.path}${row.id}/`;
}

export async function deleteTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const row = await getTenantRow(tx, acting, id);
    const version = checkVersion(`tenant ${id}`, row.version, expectedVersion);
    if ((await tenants.countChildren(trx, id)) > 0) {
      throw new DomainError(
        'tenant.has_children',
        `tenant ${id} has child tenants: move or delete them first`,
      );
    }
    if (!(await tenants.deleteTenant(trx, id, version))) throw concurrentChange(`tenant ${id}`);
    await recordAudit(
      tx,
      { id: row.id, path: row.path },
      tenantAudit('delete', tenantFromRow(row), undefined),
    );
  });
}

/** The codes of these tenants (those inside the acting subtree), by id. */
export async function tenantCodes(
  ctx: CoreContext,
  acting: ActingTenant,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = ids.length === 0 ? [] : await tenants.findTenantsByIds(ctx.db, ids);
  return new Map(rows.filter((r) => r.path.startsWith(acting.path)).map((r) => [r.id, r.code]));
}
