import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { Scope } from '../../auth/scopes.js';

export interface CompatRouteConfig {
  /** The API's name, as the audit trail records the source of its writes. */
  source: string;
  /** How its requests present a credential (see authenticatedBy). */
  authenticate: (request: FastifyRequest) => Promise<Principal>;
  /** The header naming a tenant below the credential's to act on; null: the API has none. */
  targetTenantHeader: string | null;
}

/**
 * The route config of an API's routes: each names the scope it needs; `ownTenantOnly` routes
 * ignore the tenant header and act from the credential's own tenant.
 */
export function compatRouteConfig(api: CompatRouteConfig) {
  return (scope: Scope | null, options: { ownTenantOnly?: boolean } = {}): FastifyContextConfig => ({
    scope,
    source: api.source,
    authenticate: api.authenticate,
    targetTenantHeader: options.ownTenantOnly ? null : api.targetTenantHeader,
  });
}
