import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { actingTenantFor } from '../../core/services/acting-tenant.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant this request acts from; see actingTenantFor. */
    acting: ActingTenant;
    /** The core context of this request: database, clock, actor. */
    core: CoreContext;
  }
}

/**
 * Resolves, once per request, the tenant it acts from: the one named by `Target-Tenant`
 * (an id or a code), or else the installation's root tenant.
 */
export function registerActingTenant(app: FastifyInstance, base: Omit<CoreContext, 'actor'>): void {
  app.decorateRequest('acting', null as unknown as ActingTenant);
  app.decorateRequest('core', null as unknown as CoreContext);
  app.addHook('preHandler', async (request) => {
    request.core = { ...base, actor: 'anonymous' };
    const header = request.headers['target-tenant'];
    const named = Array.isArray(header) ? header[0] : header;
    request.acting = await actingTenantFor(request.core, named);
  });
}

/** The acting tenant, which must be a real tenant (not the empty installation). */
export function tenantOf(request: FastifyRequest): ActingTenant {
  if (request.acting.id === '') {
    throw new DomainError(
      'tenant.not_found',
      'no tenant exists yet: create the root tenant with POST /v1/tenants',
    );
  }
  return request.acting;
}
