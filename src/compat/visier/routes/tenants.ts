import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  administeringTenants,
  createTenants,
  deprovisionTenant,
  listDescendantsByOffset,
} from '../../../core/services/descendant-tenants.service.js';
import { updateTenant } from '../../../core/services/tenant.service.js';
import { visierErrors } from '../errors.js';
import { pageOf } from '../paging.js';
import { adminCode, analyticTenantOf } from '../tenant-code.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';
import {
  toTenantCreate,
  toTenantDetail,
  toTenantPatch,
  toTenantProvision,
  toTenantStatus,
} from '../tenant.mapper.js';
import {
  AllTenantsStatusAPIDTO,
  BatchTenantProvisionAnswer,
  BatchTenantProvisionAPIDTO,
  TenantDetailAPIDTO,
  TenantIdParams,
  TenantProvisionAnswer,
  TenantProvisionAPIDTO,
  TenantsQuery,
  TenantStatusAPIDTO,
  UpdateTenantModel,
} from '../tenant.schemas.js';

/**
 * Analytic tenants: the tenants below the one the request acts on. New ones become its
 * children, coded `{its code}~{tenantCode}`; {tenantId} is such a code, or an id.
 */
export function tenantRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.tenants, security: visierSecurity };
  const bodyErrors = visierErrors(400, 404, 409, 413, 415);
  const administers = async (request: FastifyRequest, id: string) =>
    (await administeringTenants(request.core, [id])).has(id);

  api.get(
    '/v1/admin/tenants',
    {
      config: visier.config('tenants:read'),
      schema: {
        ...schema,
        summary: 'Retrieve a list of all analytic tenants',
        description:
          'Pages by offset: `start` from 0, `limit` default 100, cut to 1000. Ordered by tenant code.',
        querystring: TenantsQuery,
        response: { 200: AllTenantsStatusAPIDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, query } = request;
      const { limit, start } = pageOf(query);
      const { rows: tenants } = await listDescendantsByOffset(core, acting, { offset: start, limit });
      const parents = await administeringTenants(
        core,
        tenants.map((x) => x.id),
      );
      return {
        tenants: tenants.map((x) => toTenantDetail(x, parents.has(x.id), query.details ?? false)),
        limit,
        start,
      };
    },
  );

  api.post(
    '/v1/admin/tenants',
    {
      config: visier.config('tenants:write'),
      schema: {
        ...schema,
        summary: 'Add an analytic tenant',
        body: TenantProvisionAPIDTO,
        response: { 200: TenantProvisionAnswer, ...bodyErrors },
      },
    },
    async (request) => {
      const input = toTenantCreate(await adminCode(request.core, request.acting), request.body);
      const [created] = await createTenants(request.core, request.acting, [input]);
      return toTenantProvision(created!);
    },
  );

  api.post(
    '/v1/admin/tenants/batch',
    {
      config: visier.config('tenants:write'),
      schema: {
        ...schema,
        summary: 'Add analytic tenants',
        description: 'All or nothing: if one tenant cannot be created (a taken code: 409), none is.',
        body: BatchTenantProvisionAPIDTO,
        response: { 200: BatchTenantProvisionAnswer, ...bodyErrors },
      },
    },
    async (request) => {
      const code = await adminCode(request.core, request.acting);
      const inputs = request.body.tenants.map((t) => toTenantCreate(code, t));
      const created = await createTenants(request.core, request.acting, inputs);
      return { tenants: created.map(toTenantProvision) };
    },
  );

  api.get(
    '/v1/admin/tenants/:tenantId',
    {
      config: visier.config('tenants:read'),
      schema: {
        ...schema,
        summary: "Retrieve an analytic tenant's details",
        params: TenantIdParams,
        response: { 200: TenantDetailAPIDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const tenant = await analyticTenantOf(request.core, request.acting, request.params.tenantId);
      return toTenantDetail(tenant, await administers(request, tenant.id), true);
    },
  );

  api.put(
    '/v1/admin/tenants/:tenantId',
    {
      config: visier.config('tenants:write'),
      schema: {
        ...schema,
        summary: 'Update an analytic tenant',
        params: TenantIdParams,
        body: UpdateTenantModel,
        response: { 200: TenantProvisionAnswer, ...bodyErrors },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const tenant = await analyticTenantOf(core, acting, request.params.tenantId);
      const patch = toTenantPatch(tenant, request.body);
      return toTenantProvision(await updateTenant(core, acting, tenant.id, patch, tenant.version));
    },
  );

  api.delete(
    '/v1/admin/tenants/:tenantId',
    {
      config: visier.config('tenants:write'),
      schema: {
        ...schema,
        summary: 'Deprovision an analytic tenant',
        description: 'Only a disabled tenant without tenants below it; it is removed at once.',
        params: TenantIdParams,
        response: { 200: TenantStatusAPIDTO, ...visierErrors(400, 404, 409) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const tenant = await analyticTenantOf(core, acting, request.params.tenantId);
      const removed = await deprovisionTenant(core, acting, tenant.id);
      return toTenantStatus(removed, false, true);
    },
  );

  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    api.put(
      `/v1/admin/tenants/:tenantId/${verb}`,
      {
        config: visier.config('tenants:write'),
        schema: {
          ...schema,
          summary: `${verb === 'disable' ? 'Disable' : 'Enable'} an analytic tenant`,
          params: TenantIdParams,
          response: { 200: TenantStatusAPIDTO, ...visierErrors(400, 404, 409) },
        },
      },
      async (request) => {
        const { core, acting } = request;
        const tenant = await analyticTenantOf(core, acting, request.params.tenantId);
        const changed = await updateTenant(core, acting, tenant.id, { enabled }, tenant.version);
        return toTenantStatus(changed, await administers(request, tenant.id));
      },
    );
  }
}
