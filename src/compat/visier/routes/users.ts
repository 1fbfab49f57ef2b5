import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createUser, deleteUser, getUser, updateUser } from '../../../core/services/user.service.js';
import { listUsersByOffset } from '../../../core/services/user-listing.service.js';
import { visierErrors } from '../errors.js';
import { pageOf } from '../paging.js';
import { UserIdParams } from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';
import { tenantOfQuery } from '../tenant-code.js';
import { toUserDetails } from '../user-details.js';
import { toUserCreate, toUserCreationResponse, toUserPatch, toUserUpdateResponse } from '../user.mapper.js';
import {
  AllUsersGetAPIResponseDTO,
  DeleteUserResponse,
  TenantCodeOnlyQuery,
  UserCreationAPIRequestDTO,
  UserCreationAPIResponseDTO,
  UserGetAPIResponseDTO,
  UserQuery,
  UsersQuery,
  UserUpdateAPIRequestDTO,
  UserUpdateAPIResponseDTO,
} from '../user.schemas.js';

/** Users of the tenant the request acts on: TargetTenantID, then `tenantCode` below it. */
export function userRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.users, security: visierSecurity };
  const bodyErrors = visierErrors(400, 404, 409, 413, 415);

  api.get(
    '/v1/admin/users',
    {
      config: visier.config('users:read'),
      schema: {
        ...schema,
        summary: 'Retrieve a list of all users',
        description:
          'Pages by offset: `start` from 0, `limit` default 100, cut to 1000. Ordered by username.',
        querystring: UsersQuery,
        response: { 200: AllUsersGetAPIResponseDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, query } = request;
      const tenant = await tenantOfQuery(core, request.acting, query.tenantCode);
      const { limit, start } = pageOf(query);
      const { rows } = await listUsersByOffset(core, tenant, { offset: start, limit });
      return { users: await toUserDetails(core, tenant, rows, query), limit, start };
    },
  );

  api.post(
    '/v1/admin/users',
    {
      config: visier.config('users:write'),
      schema: {
        ...schema,
        summary: 'Add a user',
        querystring: TenantCodeOnlyQuery,
        body: UserCreationAPIRequestDTO,
        response: { 201: UserCreationAPIResponseDTO, ...bodyErrors },
      },
    },
    async (request, reply) => {
      const tenant = await tenantOfQuery(request.core, request.acting, request.query.tenantCode);
      const user = await createUser(request.core, tenant, toUserCreate(request.body));
      return reply.code(201).send(toUserCreationResponse(user));
    },
  );

  api.get(
    '/v1/admin/users/:userId',
    {
      config: visier.config('users:read'),
      schema: {
        ...schema,
        summary: "Retrieve a user's details",
        params: UserIdParams,
        querystring: UserQuery,
        response: { 200: UserGetAPIResponseDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, query } = request;
      const tenant = await tenantOfQuery(core, request.acting, query.tenantCode);
      const user = await getUser(core, tenant, request.params.userId);
      const [details] = await toUserDetails(core, tenant, [user], query);
      return details!;
    },
  );

  api.put(
    '/v1/admin/users/:userId',
    {
      config: visier.config('users:write'),
      schema: {
        ...schema,
        summary: 'Update a user',
        params: UserIdParams,
        querystring: TenantCodeOnlyQuery,
        body: UserUpdateAPIRequestDTO,
        response: { 200: UserUpdateAPIResponseDTO, ...bodyErrors },
      },
    },
    async (request) => {
      const tenant = await tenantOfQuery(request.core, request.acting, request.query.tenantCode);
      const user = await updateUser(request.core, tenant, request.params.userId, toUserPatch(request.body));
      return toUserUpdateResponse(user);
    },
  );

  api.delete(
    '/v1/admin/users/:userId',
    {
      config: visier.config('users:write'),
      schema: {
        ...schema,
        summary: 'Delete a user',
        params: UserIdParams,
        querystring: TenantCodeOnlyQuery,
        response: { 200: DeleteUserResponse, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const tenant = await tenantOfQuery(request.core, request.acting, request.query.tenantCode);
      await deleteUser(request.core, tenant, request.params.userId);
      return {};
    },
  );
}
