import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { DomainError } from '../../../core/errors.js';
import type { ProfilePermission } from '../../../core/model/profile.js';
import { toIso } from '../../../core/model/time.js';
import {
  getPermission,
  listPermissionsOfResourceTypes,
} from '../../../core/services/catalog-permission.service.js';
import { filterInMemory } from '../../../core/services/in-memory-filter.js';
import { bindCatalogPermission } from '../../../core/services/permission-binding.service.js';
import { getProfile, updateProfileFrom } from '../../../core/services/profile.service.js';
import { findResourceTypesById, getResourceType } from '../../../core/services/resource-type.service.js';
import { britiveErrors } from '../errors.js';
import { britivePage, listParamsOf, pageInMemory, PageQuery, type ListSpec } from '../paging.js';
import {
  ProfilePermissionBody,
  ProfilePermissionDto,
  ProfilePermissionParams,
  ProfilePermissionSummary,
  ResourcePermissionSummary,
  SystemValuesQuery,
  VariablesBody,
} from '../permission.schemas.js';
import { ProfileIdParam } from '../profile.schemas.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

/**
 * What profiled fills a system-defined variable with at check-out, by name: the holder, the
 * profile, the tenant. The same for every resource type.
 */
export const systemDefinedValues = [
  'user.id',
  'user.username',
  'user.email',
  'user.displayName',
  'profile.id',
  'profile.name',
  'tenant.id',
  'tenant.code',
  'checkout.id',
  'checkout.expiresAt',
];

const permissionList: ListSpec = {
  fields: {
    name: { field: 'name' },
    permissionName: { field: 'name' },
    permissionId: { field: 'permissionId' },
    resourceTypeName: { field: 'resourceTypeName' },
  },
  searchIn: ['name'],
  defaultSort: 'name,asc',
};

const availableList: ListSpec = {
  fields: { id: { field: 'id' }, name: { field: 'name' }, createdAt: { field: 'createdAt' } },
  searchIn: ['name', 'description'],
  defaultSort: 'name,asc',
};

const present = <K extends string>(key: K, value: string | null) => (value === null ? {} : { [key]: value });

function toProfilePermissionDto(p: ProfilePermission): Static<typeof ProfilePermissionDto> {
  return {
    permissionId: p.permissionId,
    version: p.version,
    permissionName: p.name,
    ...present('description', p.description),
    resourceTypeId: p.resourceTypeId ?? '',
    resourceTypeName: p.resourceType ?? '',
    variables: p.variables.map((v) => ({
      name: v.name,
      ...present('value', v.value),
      isSystemDefined: v.isSystemDefined,
      promptAtCheckout: v.promptAtCheckout,
      type: v.type,
      ...present('regexPattern', v.regexPattern),
      ...present('description', v.description),
    })),
  };
}

/** The profile's permission with this id; 404 (RM-0008) when it holds none. */
function heldPermission(permissions: readonly ProfilePermission[], id: string): ProfilePermission {
  const found = permissions.find((p) => p.permissionId === id);
  if (!found) throw new DomainError('permission.not_found', `the profile holds no permission ${id}`);
  return found;
}

/** A profile's permissions (from the catalog, at a version, with their variables' values). */
export function profilePermissionRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.permissions, security: britiveSecurity };
  const base = `${RM}/profiles/:profileId/permissions`;

  api.post(
    base,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary:
          'Add a catalog permission to a profile, at a version, with its variables (201, as the seed has it)',
        params: ProfileIdParam,
        body: ProfilePermissionBody,
        response: { 201: ProfilePermissionDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, acting, params, body } = request;
      const permission = await getPermission(core, acting, body.permissionId);
      const bound = await bindCatalogPermission(
        core,
        acting,
        permission,
        String(body.version ?? 'latest'),
        body.variables ?? [],
      );
      await updateProfileFrom(core, acting, params.profileId, (profile) => {
        if (profile.permissions.some((p) => p.permissionId === bound.permissionId)) {
          throw new DomainError(
            'validation.failed',
            `the profile holds permission ${bound.permissionId} already`,
            [{ pointer: '/permissionId', detail: 'already on the profile', rule: 'permission.held' }],
          );
        }
        return { permissions: [...profile.permissions, bound] };
      });
      return reply.code(201).send(toProfilePermissionDto(bound));
    },
  );

  api.get(
    base,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: "A profile's permissions (paged; filter and searchText on the name)",
        params: ProfileIdParam,
        querystring: PageQuery,
        response: { 200: ProfilePermissionSummary, ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params, query } = request;
      const profile = await getProfile(core, acting, params.profileId);
      const list = listParamsOf(query, permissionList);
      const matching = filterInMemory(profile.permissions, list.filter, (p) => ({
        name: p.name,
        permissionId: p.permissionId,
        resourceTypeName: p.resourceType,
        description: p.description,
      }));
      const descending = list.sort.endsWith(',desc');
      const sorted = [...matching].sort((a, b) => a.name.localeCompare(b.name) * (descending ? -1 : 1));
      return {
        count: matching.length,
        page: list.page,
        size: list.size,
        sort: list.sort,
        data: pageInMemory(sorted, list.page, list.size).map(toProfilePermissionDto),
      };
    },
  );

  api.patch(
    `${base}/:permissionId`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: "Set a profile permission's variables",
        params: ProfilePermissionParams,
        body: VariablesBody,
        response: { 204: Type.Null({ description: 'Updated' }), ...britiveErrors(400, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, acting, params, body } = request;
      await updateProfileFrom(core, acting, params.profileId, async (profile) => {
        const held = heldPermission(profile.permissions, params.permissionId);
        const permission = await getPermission(core, acting, held.permissionId);
        const bound = await bindCatalogPermission(core, acting, permission, held.version, body.variables);
        return {
          permissions: profile.permissions.map((p) => (p.permissionId === held.permissionId ? bound : p)),
        };
      });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    `${base}/:permissionId`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Remove a permission from a profile',
        params: ProfilePermissionParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      const { core, acting, params } = request;
      await updateProfileFrom(core, acting, params.profileId, (profile) => {
        const held = heldPermission(profile.permissions, params.permissionId);
        return { permissions: profile.permissions.filter((p) => p.permissionId !== held.permissionId) };
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    `${RM}/profiles/:profileId/available-permissions`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'Catalog permissions (not drafts) the profile does not hold yet (paged)',
        params: ProfileIdParam,
        querystring: PageQuery,
        response: { 200: ResourcePermissionSummary, ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params, query } = request;
      const profile = await getProfile(core, acting, params.profileId);
      const page = await britivePage(
        query,
        availableList,
        (list) =>
          listPermissionsOfResourceTypes(
            core,
            acting,
            undefined,
            list,
            profile.permissions.map((p) => p.permissionId),
          ),
        (p) => p,
        'isDraft eq false',
      );
      const types = new Map(
        (
          await findResourceTypesById(
            core,
            acting,
            page.data.map((p) => p.resourceTypeId),
          )
        ).map((t) => [t.id, t.name]),
      );
      return {
        ...page,
        data: page.data.map((p) => ({
          permissionId: p.id,
          name: p.name,
          resourceTypeName: types.get(p.resourceTypeId) ?? '',
          isDraft: p.isDraft,
          createdOn: toIso(p.createdAt),
          versionCount: p.versions.length,
          version: String(p.versions.at(-1)?.version ?? 1),
        })),
      };
    },
  );

  api.get(
    `${RM}/profiles/permissions/system-defined-values`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'The values a system-defined variable may take (filled in at check-out)',
        querystring: SystemValuesQuery,
        response: { 200: Type.Array(Type.String()), ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { resourceTypeId } = request.query;
      if (resourceTypeId !== undefined) await getResourceType(request.core, request.acting, resourceTypeId);
      return systemDefinedValues;
    },
  );
}
