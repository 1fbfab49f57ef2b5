import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Tenant } from '../../../core/model/tenant.js';
import { TenantCreate, TenantPatch } from '../../../core/schemas/tenant.schema.js';
import * as tenants from '../../../core/services/tenant.service.js';
import { expectedVersion, setETag } from '../../plugins/etag.js';
import { withIsoTimes } from '../../representation.js';
import { CreateHeaders, errors, IfMatchHeaders, ListQuery, PageOf } from '../../schemas/common.js';
import { listParams, pageBody } from '../list.js';

const represent = (t: Tenant) => withIsoTimes(t, ['createdAt', 'updatedAt'] as const);
const tenantRef = Type.Ref('Tenant');
const tags = ['Tenants'];
const byId = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, description: 'Tenant id or code' }),
});

export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/tenants',
    {
      config: { scope: 'tenants:read' },
      schema: {
        tags,
        summary: 'List the tenants of the acting subtree',
        querystring: ListQuery,
        response: { 200: PageOf(tenantRef), ...errors(400, 404) },
      },
    },
    async (request) =>
      pageBody(await tenants.listTenants(request.core, request.acting, listParams(request.query)), represent),
  );

  app.post(
    '/v1/tenants',
    {
      config: { scope: 'tenants:write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a tenant (without parentId: the root tenant of an empty installation)',
        headers: CreateHeaders,
        body: TenantCreate,
        response: { 201: tenantRef, ...errors(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.createTenant(request.core, request.acting, request.body);
      setETag(reply, tenant.version);
      return reply.code(201).header('location', `/v1/tenants/${tenant.id}`).send(represent(tenant));
    },
  );

  app.get(
    '/v1/tenants/:id',
    {
      config: { scope: 'tenants:read' },
      schema: {
        tags,
        summary: 'Get a tenant by id or code',
        params: byId,
        response: { 200: tenantRef, ...errors(404) },
      },
    },
    async (request, reply) => {
      const row = await tenants.resolveTenantRef(request.core, request.acting, request.params.id);
      const tenant = await tenants.getTenant(request.core, request.acting, row.id);
      setETag(reply, tenant.version);
      return represent(tenant);
    },
  );

  app.patch(
    '/v1/tenants/:id',
    {
      config: { scope: 'tenants:write' },
      schema: {
        tags,
        summary: 'Change a tenant; a new parentId moves it with its subtree',
        params: byId,
        headers: IfMatchHeaders,
        body: TenantPatch,
        response: { 200: tenantRef, ...errors(400, 404, 409, 412, 413, 415) },
      },
    },
    async (request, reply) => {
      const row = await tenants.resolveTenantRef(request.core, request.acting, request.params.id);
      const tenant = await tenants.updateTenant(
        request.core,
        request.acting,
        row.id,
        request.body,
        expectedVersion(request),
      );
      setETag(reply, tenant.version);
      return represent(tenant);
    },
  );

  app.delete(
    '/v1/tenants/:id',
    {
      config: { scope: 'tenants:write' },
      schema: {
        tags,
        summary: 'Delete a tenant without children, with its users, groups, profiles and assignments',
        params: byId,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errors(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const row = await tenants.resolveTenantRef(request.core, request.acting, request.params.id);
      await tenants.deleteTenant(request.core, request.acting, row.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
};
