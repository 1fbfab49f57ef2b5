import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CatalogPermission, PermissionVersion } from '../../../core/model/catalog-permission.js';
import {
  CatalogPermissionCreate,
  CatalogPermissionPatch,
  PermissionVersionCreate,
} from '../../../core/schemas/catalog-permission.schema.js';
import * as permissions from '../../../core/services/catalog-permission.service.js';
import * as versions from '../../../core/services/permission-versions.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { expectedVersion, setETag } from '../../plugins/etag.js';
import { iso, withIsoTimes } from '../../representation.js';
import { CreateHeaders, errors, IdParams, IfMatchHeaders, ListQuery, PageOf } from '../../schemas/common.js';
import { alwaysCreates, registerCrud } from '../crud.js';
import { listParams, pageBody } from '../list.js';

const representVersion = (v: PermissionVersion) => ({ ...v, createdAt: iso(v.createdAt) });

export const representPermission = (p: CatalogPermission) => ({
  ...withIsoTimes(p, ['createdAt', 'updatedAt'] as const),
  versions: p.versions.map(representVersion),
});

const tags = ['Permissions'];

export const permissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/permissions',
    tag: 'Permissions',
    noun: 'permission',
    scopes: { read: 'profiles:read', write: 'profiles:write' },
    schemaId: 'CatalogPermission',
    createBody: CatalogPermissionCreate,
    patchBody: CatalogPermissionPatch,
    summaries: {
      list: 'List the catalog permissions of the acting tenant, of every resource type',
      create: 'Create a permission of a resource type, with version 1 declaring the variables given',
      update: 'Change a permission (name, description, isDraft); its versions are added, never changed',
      remove: 'Delete a permission with all its versions',
    },
    service: {
      list: permissions.listPermissions,
      get: permissions.getPermission,
      create: alwaysCreates(permissions.createPermission),
      update: permissions.updatePermission,
      remove: permissions.deletePermission,
    },
    represent: representPermission,
  });

  app.post(
    '/v1/permissions/:id/versions',
    {
      config: { scope: 'profiles:write', idempotent: true },
      schema: {
        tags,
        summary: "Add a permission's next version (the newest plus one), declaring these variables",
        description:
          "Answers the permission with the new version last. If-Match, when given, is the permission's ETag, which moves on.",
        params: IdParams,
        headers: Type.Object({ ...CreateHeaders.properties, ...IfMatchHeaders.properties }),
        body: PermissionVersionCreate,
        // 409: a retry with the same Idempotency-Key while the first request still runs.
        response: { 201: Type.Ref('CatalogPermission'), ...errors(400, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const permission = await versions.addPermissionVersion(
        request.core,
        tenantOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setETag(reply, permission.version);
      return reply.code(201).send(representPermission(permission));
    },
  );

  app.get(
    '/v1/permissions/:id/versions',
    {
      config: { scope: 'profiles:read' },
      schema: {
        tags,
        summary: "List a permission's versions, oldest first",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: PageOf(Type.Ref('PermissionVersion')), ...errors(400, 404) },
      },
    },
    async (request) =>
      pageBody(
        await versions.listPermissionVersions(
          request.core,
          tenantOf(request),
          request.params.id,
          listParams(request.query),
        ),
        representVersion,
      ),
  );
};
