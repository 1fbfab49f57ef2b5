import { Type } from 'typebox';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { resolveTenantRef } from '../../core/services/tenant.service.js';

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
