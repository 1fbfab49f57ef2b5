import type { OffsetListParams, OffsetPage } from '../../store/query/offset-page.js';
import * as tenants from '../../store/repositories/tenant.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { withoutPath, type Tenant } from '../model/tenant.js';
import type { TenantCreate } from '../schemas/tenant.schema.js';
import { inTransaction } from '../transaction.js';
import { mapPage } from './page.js';
import { createTenant, deleteTenant, resolveTenantRef, tenantNotFound } from './tenant.service.js';

/**
 * The tenants an administrating tenant manages: those strictly below it (Visier's analytic
 * tenants). The acting tenant itself is not among them, so it cannot disable or delete itself.
 */

/** The descendants paged by offset, in code order unless sorted otherwise. */
export async function listDescendantsByOffset(
  ctx: CoreContext,
  acting: ActingTenant,
  params: OffsetListParams,
): Promise<OffsetPage<Tenant>> {
  return mapPage(await tenants.listDescendantsByOffset(ctx.db, acting.path, params), withoutPath);
}

/** A descendant by id or code; the acting tenant itself and anything outside are not found. */
export async function resolveDescendant(
  ctx: CoreContext,
  acting: ActingTenant,
  ref: string,
): Promise<Tenant> {
  const tenant = await resolveTenantRef(ctx, acting, ref);
  if (tenant.id === acting.id) throw tenantNotFound(ref);
  return withoutPath(tenant);
}

/** Those of the tenants that administer others, i.e. have child tenants. */
export async function administeringTenants(ctx: CoreContext, ids: readonly string[]): Promise<Set<string>> {
  return tenants.findParentsAmong(ctx.db, ids);
}

/**
 * Creates all the tenants or none: one transaction, so a taken code (409) or any other failure
 * leaves nothing behind. A code repeated inside the batch is refused before anything is written.
 */
export async function createTenants(
  ctx: CoreContext,
  acting: ActingTenant,
  inputs: readonly TenantCreate[],
): Promise<Tenant[]> {
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    if (seen.has(input.code)) {
      throw new DomainError('validation.failed', `tenant code "${input.code}" appears twice in the batch`, [
        { pointer: `/tenants/${i}`, detail: 'duplicate code in the batch' },
      ]);
    }
    seen.add(input.code);
  });
  return inTransaction(ctx, async (tx) => {
    const created: Tenant[] = [];
    for (const input of inputs) created.push(await createTenant(tx, acting, input));
    return created;
  });
}

/** Removes a descendant for good; like Visier's deprovisioning, only once it has been disabled. */
export async function deprovisionTenant(
  ctx: CoreContext,
  acting: ActingTenant,
  ref: string,
): Promise<Tenant> {
  const tenant = await resolveDescendant(ctx, acting, ref);
  if (tenant.enabled) {
    throw new DomainError(
      'validation.failed',
      `tenant "${tenant.code}" is enabled: disable it before removing it`,
    );
  }
  await deleteTenant(ctx, acting, tenant.id, tenant.version);
  return tenant;
}
