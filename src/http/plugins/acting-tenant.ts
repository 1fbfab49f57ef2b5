import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { headerValue } from '../../auth/presenters.js';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { actingTenantFor, noTenant } from '../../core/services/acting-tenant.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The API a route belongs to, as the audit trail records it (default `native`). */
    source?: string;
    /**
     * The header that names the tenant to act on (default `target-tenant`); `null`: the route
     * always acts from the credential's own tenant.
     */
    targetTenantHeader?: string | null;
  }
  interface FastifyRequest {
    /** The tenant this request acts from; see actingTenantFor. */
    acting: ActingTenant;
    /** The core context of this request: database, clock, actor, audit origin. */
    core: CoreContext;
  }
}

/**
 * Resolves, once per request, the tenant it acts from: the credential's own tenant, or the
 * descendant named by `Target-Tenant` (an id or a code).
 */
export function registerActingTenant(app: FastifyInstance, base: Omit<CoreContext, 'actor'>): void {
  app.decorateRequest('acting', null as unknown as ActingTenant);
  app.decorateRequest('core', null as unknown as CoreContext);
  // A preHandler of each route, first of its own (register it after any plugin whose route hooks
  // need request.core, such as idempotency: each prepends to the same list). It reads the route's
  // config directly rather than through request.routeOptions, which builds an object on every call.
  app.addHook('onRoute', (route) => {
    const hooks = [route.preHandler ?? []].flat();
    if (hooks.some((hook) => actingTenantHooks.has(hook))) return;
    route.preHandler = [actingTenantHook(base, (route.config ??= {})), ...hooks];
  });
}

/** The preHandler hooks actingTenantHook() made (a HEAD twin may bring its GET route's along). */
const actingTenantHooks = new WeakSet<object>();

function actingTenantHook(base: Omit<CoreContext, 'actor'>, config: FastifyContextConfig) {
  const hook = async (request: FastifyRequest) => {
    const principal = request.principal as FastifyRequest['principal'] | null;
    request.core = {
      ...base,
      actor: principal?.label ?? 'anonymous',
      origin: {
        source: config.source ?? 'native',
        credentialId: principal?.credentialId ?? null,
        userId: principal?.userId ?? null,
        requestId: request.id,
      },
    };
    if (!principal) {
      request.acting = noTenant;
      return;
    }
    const headerName = config.targetTenantHeader;
    if (headerName === null) {
      request.acting = principal.tenant;
      return;
    }
    const named = headerValue(request, headerName ?? 'target-tenant');
    request.acting = await actingTenantFor(request.core, principal.tenant, named);
  };
  actingTenantHooks.add(hook);
  return hook;
}

/** The acting tenant, which must be a real tenant. */
export function tenantOf(request: FastifyRequest): ActingTenant {
  if (request.acting.id === '')
    throw new DomainError('tenant.not_found', 'no tenant: this request has no credential');
  return request.acting;
}
