import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createProfile,
  deleteProfile,
  getProfile,
  listProfiles,
  updateProfile,
} from '../../../core/services/profile.service.js';
import { britiveErrors } from '../errors.js';
import { britivePage, PageQuery, type ListSpec } from '../paging.js';
import {
  toProfileCreate,
  toProfilePatch,
  toResourceProfileDto,
  toResourceProfileInfo,
} from '../profile.mapper.js';
import {
  ProfileCreateDto,
  ProfileIdParams,
  ProfilePatchDto,
  ResourceProfileDto,
  ResourceProfileSummary,
} from '../profile.schemas.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

const profileList: ListSpec = {
  fields: {
    id: { field: 'id' },
    name: { field: 'name' },
    description: { field: 'description' },
    status: { field: 'enabled', values: { active: 'true', inactive: 'false' } },
    createdAt: { field: 'createdAt' },
    updatedAt: { field: 'updatedAt' },
  },
  searchIn: ['name', 'description'],
  defaultSort: 'name,asc',
  sortable: ['id', 'name', 'createdAt', 'updatedAt'],
};

/** Resource profiles: create, list (paged), get, partial update, delete. */
export function profileRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: britiveSecurity };

  api.post(
    `${RM}/profiles`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Create a resource profile',
        description: 'A `profileId` sent is ignored: profiled assigns the id. `status` defaults to active.',
        body: ProfileCreateDto,
        response: { 201: ResourceProfileDto, ...britiveErrors(400, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const profile = await createProfile(request.core, request.acting, toProfileCreate(request.body));
      return reply.code(201).send(toResourceProfileDto(profile));
    },
  );

  api.get(
    `${RM}/profiles`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'List resource profiles (paged: page from 0, size default 20)',
        description:
          'Sort by id, name, createdAt or updatedAt; filter on those, description and status (`name eq profile1`).',
        querystring: PageQuery,
        response: { 200: ResourceProfileSummary, ...britiveErrors(400) },
      },
    },
    async (request) => {
      return britivePage(
        request.query,
        profileList,
        (params) => listProfiles(request.core, request.acting, params),
        toResourceProfileInfo,
      );
    },
  );

  api.get(
    `${RM}/profiles/:id`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'A resource profile',
        params: ProfileIdParams,
        response: { 200: ResourceProfileDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) =>
      toResourceProfileDto(await getProfile(request.core, request.acting, request.params.id)),
  );

  api.patch(
    `${RM}/profiles/:id`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Update a resource profile: only the fields sent change',
        params: ProfileIdParams,
        body: ProfilePatchDto,
        response: {
          204: Type.Null({ description: 'Updated' }),
          ...britiveErrors(400, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { core, acting, params, body } = request;
      const patch = toProfilePatch(body);
      if (Object.keys(patch).length === 0) await getProfile(core, acting, params.id);
      else await updateProfile(core, acting, params.id, patch);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    `${RM}/profiles/:id`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Delete a resource profile',
        params: ProfileIdParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      await deleteProfile(request.core, request.acting, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
