import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ResourceType } from '../../../core/model/resource-type.js';
import { ResourceTypeCreate, ResourceTypePatch } from '../../../core/schemas/resource-type.schema.js';
import { listPermissionsOfResourceType } from '../../../core/services/catalog-permission.service.js';
import * as resourceTypes from '../../../core/services/resource-type.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { withIsoTimes } from '../../representation.js';
import { errors, IdParams, ListQuery, PageOf } from '../../schemas/common.js';
import { alwaysCreates, registerCrud } from '../crud.js';
import { listParams, pageBody } from '../list.js';
import { representPermission } from './permissions.js';

const represent = (r: ResourceType) => withIsoTimes(r, ['createdAt', 'updatedAt'] as const);

export const resourceTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/resource-types',
    tag: 'Resource types',
    noun: 'resource type',
    scopes: { read: 'profiles:read', write: 'profiles:write' },
    schemaId: 'ResourceType',
    createBody: ResourceTypeCreate,
    patchBody: ResourceTypePatch,
    summaries: { remove: 'Delete a resource type that has no permissions (409 while it has)' },
    // resource_type.has_permissions
    errors: { remove: [404, 409, 412] },
    service: {
      list: resourceTypes.listResourceTypes,
      get: resourceTypes.getResourceType,
      create: alwaysCreates(resourceTypes.createResourceType),
      update: resourceTypes.updateResourceType,
      remove: resourceTypes.deleteResourceType,
    },
    represent,
  });

  app.get(
    '/v1/resource-types/:id/permissions',
    {
      config: { scope: 'profiles:read' },
      schema: {
        tags: ['Resource types'],
        summary: 'List the catalog permissions of a resource type',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: PageOf(Type.Ref('CatalogPermission')), ...errors(400, 404) },
      },
    },
    async (request) =>
      pageBody(
        await listPermissionsOfResourceType(
          request.core,
          tenantOf(request),
          request.params.id,
          listParams(request.query),
        ),
        representPermission,
      ),
  );
};
