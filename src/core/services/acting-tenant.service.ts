import { findFirstRootTenant, findTenantAnywhere } from '../../store/repositories/tenant.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { wholeInstallation } from './tenant.service.js';

/**
 * The tenant a request acts from: the tenant named (by id or code), or else the oldest root
 * tenant, or the whole installation while no tenant exists yet.
 */
export async function actingTenantFor(ctx: CoreContext, named: string | undefined): Promise<ActingTenant> {
  if (named !== undefined && named !== '') {
    const row = await findTenantAnywhere(ctx.db, named);
    if (!row) throw new DomainError('tenant.not_found', `target tenant "${named}" does not exist`);
    return { id: row.id, path: row.path };
  }
  const root = await findFirstRootTenant(ctx.db);
  return root ? { id: root.id, path: root.path } : wholeInstallation;
}
