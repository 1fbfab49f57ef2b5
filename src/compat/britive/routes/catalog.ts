import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createPermission,
  deletePermission,
  getPermission,
  listPermissionsOfResourceType,
  updatePermission,
} from '../../../core/services/catalog-permission.service.js';
import {
  createLabel,
  deleteLabel,
  getLabel,
  listLabels,
  updateLabel,
} from '../../../core/services/label.service.js';
import {
  addPermissionVersion,
  getPermissionVersion,
} from '../../../core/services/permission-versions.service.js';
import {
  createResourceType,
  deleteResourceType,
  getResourceType,
  listResourceTypes,
  updateResourceType,
} from '../../../core/services/resource-type.service.js';
import { inTransaction } from '../../../core/transaction.js';
import {
  catalogVariables,
  toLabelDto,
  toPermissionDto,
  toPermissionVersionDto,
  toResourceTypeDto,
} from '../catalog.mapper.js';
import {
  IdParams,
  LabelBody,
  LabelDto,
  LabelPatchBody,
  PermissionBody,
  PermissionDto,
  PermissionPatchBody,
  PermissionVersionDto,
  ResourceTypeBody,
  ResourceTypeDto,
  ResourceTypeList,
  ResourceTypePatchBody,
  VersionParams,
} from '../catalog.schemas.js';
import { britiveErrors } from '../errors.js';
import { booleans } from '../filter.js';
import { britivePage, PageOf, PageQuery, type ListSpec } from '../paging.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

const byName = (extra: ListSpec['fields'] = {}): ListSpec => ({
  fields: { id: { field: 'id' }, name: { field: 'name' }, ...extra },
  searchIn: ['name', 'description'],
  defaultSort: 'name,asc',
  sortable: ['id', 'name'],
});
const labelList: ListSpec = {
  fields: { id: { field: 'id' }, keyName: { field: 'keyName' } },
  searchIn: ['keyName', 'description'],
  defaultSort: 'keyName,asc',
};

const Deleted = Type.Null({ description: 'Deleted' });

/**
 * The catalog a Britive client sets up before its profiles: resource types, their permissions
 * (versioned, with declared variables) and resource labels. Profiled's own catalog, as the native
 * API shows it too.
 */
export function catalogRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.catalog, security: britiveSecurity };
  const read = britive.config('profiles:read');
  const write = britive.config('profiles:write');

  // Resource types.
  api.post(
    `${RM}/resource-types`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Create a resource type',
        body: ResourceTypeBody,
        response: { 201: ResourceTypeDto, ...britiveErrors(400, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { name, description } = request.body;
      const type = await createResourceType(request.core, request.acting, {
        name,
        ...(description !== undefined && { description }),
      });
      return reply.code(201).send(toResourceTypeDto(type));
    },
  );
  api.get(
    `${RM}/resource-types`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'The resource types (`{count, page, data}`: the SDK reads `data` itself)',
        querystring: PageQuery,
        response: { 200: ResourceTypeList, ...britiveErrors(400) },
      },
    },
    async (request) => {
      const { count, page, data } = await britivePage(
        request.query,
        byName({ description: { field: 'description' } }),
        (params) => listResourceTypes(request.core, request.acting, params),
        toResourceTypeDto,
      );
      return { count, page, data };
    },
  );
  api.get(
    `${RM}/resource-types/:id`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'A resource type',
        params: IdParams,
        response: { 200: ResourceTypeDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) =>
      toResourceTypeDto(await getResourceType(request.core, request.acting, request.params.id)),
  );
  api.put(
    `${RM}/resource-types/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Update a resource type',
        params: IdParams,
        body: ResourceTypePatchBody,
        response: { 200: ResourceTypeDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { name, description } = request.body;
      const patch = {
        ...(name !== undefined && { name }),
        ...(description !== undefined && { description }),
      };
      const { core, acting, params } = request;
      const type =
        Object.keys(patch).length === 0
          ? await getResourceType(core, acting, params.id)
          : await updateResourceType(core, acting, params.id, patch);
      return toResourceTypeDto(type);
    },
  );
  api.delete(
    `${RM}/resource-types/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Delete a resource type (409 while it has permissions)',
        params: IdParams,
        response: { 204: Deleted, ...britiveErrors(400, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteResourceType(request.core, request.acting, request.params.id);
      return reply.code(204).send(null);
    },
  );
  api.get(
    `${RM}/resource-types/:id/permissions`,
    {
      config: read,
      schema: {
        ...schema,
        summary: "A resource type's permissions (paged)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: PageOf(PermissionDto), ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params, query } = request;
      const type = await getResourceType(core, acting, params.id);
      return britivePage(
        query,
        byName({ isDraft: { field: 'isDraft', values: booleans } }),
        (params) => listPermissionsOfResourceType(core, acting, type.id, params),
        (p) => toPermissionDto(p, type.name),
      );
    },
  );

  // Permissions.
  api.post(
    `${RM}/permissions`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Create a permission of a resource type (version 1, with its variables)',
        description: 'Variables as `name` or `name:password`, or `{name, type}`.',
        body: PermissionBody,
        response: { 201: PermissionDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, acting, body } = request;
      const type = await getResourceType(core, acting, body.resourceTypeId);
      const permission = await createPermission(core, acting, {
        resourceTypeId: type.id,
        name: body.name,
        ...(body.description !== undefined && { description: body.description }),
        ...(body.isDraft !== undefined && { isDraft: body.isDraft }),
        ...(body.variables !== undefined && { variables: catalogVariables(body.variables) }),
      });
      return reply.code(201).send(toPermissionDto(permission, type.name));
    },
  );
  api.get(
    `${RM}/permissions/:id`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'A permission, at its newest version',
        params: IdParams,
        response: { 200: PermissionDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const permission = await getPermission(request.core, request.acting, request.params.id);
      const type = await getResourceType(request.core, request.acting, permission.resourceTypeId);
      return toPermissionDto(permission, type.name);
    },
  );
  api.get(
    `${RM}/permissions/:id/:version`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'A version of a permission (a number, or latest)',
        params: VersionParams,
        response: { 200: PermissionVersionDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params } = request;
      const permission = await getPermission(core, acting, params.id);
      return toPermissionVersionDto(
        permission,
        await getPermissionVersion(core, acting, params.id, params.version),
      );
    },
  );
  api.put(
    `${RM}/permissions/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Update a permission; variables that differ from the newest version make a new version',
        params: IdParams,
        body: PermissionPatchBody,
        response: { 200: PermissionDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, params, body } = request;
      const permission = await inTransaction(core, async (tx) => {
        const current = await getPermission(tx, acting, params.id);
        const patch = {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.description !== undefined && { description: body.description }),
          ...(body.isDraft !== undefined && { isDraft: body.isDraft }),
        };
        const updated =
          Object.keys(patch).length === 0 ? current : await updatePermission(tx, acting, params.id, patch);
        const variables = body.variables === undefined ? undefined : catalogVariables(body.variables);
        const newest = JSON.stringify(updated.versions.at(-1)?.variables ?? []);
        return variables === undefined || JSON.stringify(variables) === newest
          ? updated
          : addPermissionVersion(tx, acting, params.id, { variables });
      });
      const type = await getResourceType(core, acting, permission.resourceTypeId);
      return toPermissionDto(permission, type.name);
    },
  );
  api.delete(
    `${RM}/permissions/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Delete a permission',
        params: IdParams,
        response: { 204: Deleted, ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      await deletePermission(request.core, request.acting, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // Resource labels.
  api.post(
    `${RM}/labels`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Create a resource label (a key and its values)',
        body: LabelBody,
        response: { 201: LabelDto, ...britiveErrors(400, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { keyName, description, values } = request.body;
      const label = await createLabel(request.core, request.acting, {
        keyName,
        ...(description !== undefined && { description }),
        ...(values !== undefined && {
          values: values.map((v) => ({ name: v.name, description: v.description ?? null })),
        }),
      });
      return reply.code(201).send(toLabelDto(label));
    },
  );
  api.get(
    `${RM}/labels`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'The resource labels (paged)',
        querystring: PageQuery,
        response: { 200: PageOf(LabelDto), ...britiveErrors(400) },
      },
    },
    async (request) => {
      return britivePage(
        request.query,
        labelList,
        (params) => listLabels(request.core, request.acting, params),
        toLabelDto,
      );
    },
  );
  api.get(
    `${RM}/labels/:id`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'A resource label',
        params: IdParams,
        response: { 200: LabelDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) => toLabelDto(await getLabel(request.core, request.acting, request.params.id)),
  );
  api.put(
    `${RM}/labels/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Update a resource label (values given replace them all)',
        params: IdParams,
        body: LabelPatchBody,
        response: { 200: LabelDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { keyName, description, values } = request.body;
      const patch = {
        ...(keyName !== undefined && { keyName }),
        ...(description !== undefined && { description }),
        ...(values !== undefined && {
          values: values.map((v) => ({ name: v.name, description: v.description ?? null })),
        }),
      };
      const { core, acting, params } = request;
      const label =
        Object.keys(patch).length === 0
          ? await getLabel(core, acting, params.id)
          : await updateLabel(core, acting, params.id, patch);
      return toLabelDto(label);
    },
  );
  api.delete(
    `${RM}/labels/:id`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Delete a resource label',
        params: IdParams,
        response: { 204: Deleted, ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      await deleteLabel(request.core, request.acting, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
