import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ActingTenant, CoreContext } from '../../../core/context.js';
import { withoutPath, type Tenant } from '../../../core/model/tenant.js';
import { TenantCreate, TenantPatch } from '../../../core/schemas/tenant.schema.js';
import * as tenants from '../../../core/services/tenant.service.js';
import { withIsoTimes } from '../../representation.js';
import { alwaysCreates, registerCrud } from '../crud.js';

const represent = (t: Tenant) => withIsoTimes(t, ['createdAt', 'updatedAt'] as const);

/** The id of the tenant an id or a code names inside the acting subtree. */
const idOf = async (ctx: CoreContext, acting: ActingTenant, ref: string) =>
  (await tenants.resolveTenantRef(ctx, acting, ref)).id;

/**
 * Tenants are the acting tenant's subtree (the services scope them by its path, not by a
 * tenant id) and are named by id or code.
 */
export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/tenants',
    tag: 'Tenants',
    noun: 'tenant',
    scopes: { read: 'tenants:read', write: 'tenants:write' },
    schemaId: 'Tenant',
    createBody: TenantCreate,
    patchBody: TenantPatch,
    idParams: Type.Object({
      id: Type.String({ minLength: 1, maxLength: 100, description: 'Tenant id or code' }),
    }),
    summaries: {
      list: 'List the tenants of the acting subtree',
      create: 'Create a tenant (without parentId: the root tenant of an empty installation)',
      get: 'Get a tenant by id or code',
      update: 'Change a tenant; a new parentId moves it with its subtree',
      remove: 'Delete a tenant without children, with its users, groups, profiles, assignments and catalog',
    },
    errors: {
      update: [400, 404, 409, 412, 413, 415],
      // tenant.has_children
      remove: [404, 409, 412],
    },
    service: {
      list: tenants.listTenants,
      get: async (ctx, acting, ref) => withoutPath(await tenants.resolveTenantRef(ctx, acting, ref)),
      create: alwaysCreates(tenants.createTenant),
      update: async (ctx, acting, ref, patch, expectedVersion) =>
        tenants.updateTenant(ctx, acting, await idOf(ctx, acting, ref), patch, expectedVersion),
      remove: async (ctx, acting, ref, expectedVersion) =>
        tenants.deleteTenant(ctx, acting, await idOf(ctx, acting, ref), expectedVersion),
    },
    represent,
  });
};
