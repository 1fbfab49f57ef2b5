import type { ActingTenant, CoreContext } from '../context.js';
import { resolveTenantRef } from './tenant.service.js';

/**
 * The tenant a request acts from: its credential's own tenant, or a descendant of it named by id
 * or code. A tenant outside that subtree does not exist for the request (tenant.not_found).
 */
export async function actingTenantFor(
  ctx: CoreContext,
  home: ActingTenant,
  named: string | undefined,
): Promise<ActingTenant> {
  if (named === undefined || named === '') return home;
  const tenant = await resolveTenantRef(ctx, home, named);
  return { id: tenant.id, path: tenant.path };
}

/** The acting tenant of a request that has no credential: it sees no tenant at all. */
export const noTenant: ActingTenant = { id: '', path: '/~none~/' };
