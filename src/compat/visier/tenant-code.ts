import { Type } from 'typebox';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import type { Tenant } from '../../core/model/tenant.js';
import { resolveDescendant } from '../../core/services/descendant-tenants.service.js';
import { getTenant, resolveTenantRef } from '../../core/services/tenant.service.js';

export const TenantCodeQuery = {
  tenantCode: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The tenant to act on (code or id), within yours',
    }),
  ),
};

/**
 * The tenant a request acts on: the one its `tenantCode` query parameter names (inside the
 * subtree TargetTenantID or the credential selected), else the acting tenant itself.
 */
export async function tenantOfQuery(
  core: CoreContext,
  acting: ActingTenant,
  tenantCode: string | undefined,
): Promise<ActingTenant> {
  if (tenantCode === undefined) return acting;
  const row = await resolveTenantRef(core, acting, tenantCode);
  return { id: row.id, path: row.path };
}

/** The administrating (acting) tenant's code, which prefixes its analytic tenants' codes. */
export const adminCode = async (core: CoreContext, acting: ActingTenant): Promise<string> =>
  (await getTenant(core, acting, acting.id)).code;

/**
 * The analytic tenant a `{tenantId}` names: its full code (WFF_j1r~c7o), its id, or the short
 * tenantCode that provisioning answered (c7o), which is read as `{administrating code}~c7o`.
 */
export async function analyticTenantOf(
  core: CoreContext,
  acting: ActingTenant,
  tenantId: string,
): Promise<Tenant> {
  try {
    return await resolveDescendant(core, acting, tenantId);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'tenant.not_found' || tenantId.includes('~'))
      throw error;
    return resolveDescendant(core, acting, `${await adminCode(core, acting)}~${tenantId}`);
  }
}
