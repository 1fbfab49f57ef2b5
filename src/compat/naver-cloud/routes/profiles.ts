import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CoreContext, ActingTenant } from '../../../core/context.js';
import {
  createProfile,
  deleteProfile,
  getProfile,
  listProfiles,
  updateProfile,
} from '../../../core/services/profile.service.js';
import { getTenant } from '../../../core/services/tenant.service.js';
import { ncpErrors } from '../errors.js';
import { idInNrn } from '../nrn.js';
import { offsetOf, toNcpProfile, toProfileCreate, toProfilePatch, type Account } from '../profile.mapper.js';
import {
  NcpProfile,
  NcpProfilePage,
  ProfileCreateBody,
  ProfileIdParams,
  ProfileListQuery,
  ProfilePatchBody,
} from '../profile.schemas.js';
import type { NaverCloudRoutes } from '../route-config.js';

const BASE = '/api/v1/profiles';

async function accountOf(ctx: CoreContext, tenant: ActingTenant): Promise<Account> {
  const t = await getTenant(ctx, tenant, tenant.id);
  return { number: t.accountNumber, offsetMinutes: offsetOf(t.settings) };
}

const shown = async (request: FastifyRequest, profile: Parameters<typeof toNcpProfile>[3]) =>
  toNcpProfile(request.core, request.acting, await accountOf(request.core, request.acting), profile);

/** A filter value, quoted for the filter grammar. */
const quoted = (text: string) => JSON.stringify(text);

/** External Access profiles: create, list (paged, searched), get, patch, delete, enable, disable. */
export function profileRoutes(app: FastifyInstance, ncp: NaverCloudRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: ncp.tags, security: ncp.security };
  const read = ncp.config('profiles:read');
  const write = ncp.config('profiles:write');

  api.post(
    BASE,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Create a profile (enabled defaults to false; durationSeconds to 3600)',
        body: ProfileCreateBody,
        response: { 200: NcpProfile, ...ncpErrors(400, 409, 413, 415) },
      },
    },
    async (request) => {
      const input = await toProfileCreate(request.core, request.acting, request.body);
      return shown(request, await createProfile(request.core, request.acting, input));
    },
  );

  api.get(
    BASE,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'List profiles: page from 0, size default 20; search by name or profileNrn',
        querystring: ProfileListQuery,
        response: { 200: NcpProfilePage, ...ncpErrors(400) },
      },
    },
    async (request) => {
      const { searchColumn = 'name', searchWord, page = 0, size = 20 } = request.query;
      const filter =
        searchWord === undefined || searchWord === ''
          ? undefined
          : searchColumn === 'name'
            ? `name co ${quoted(searchWord)}`
            : `id co ${quoted(idInNrn(searchWord))}`;
      const found = await listProfiles(request.core, request.acting, {
        limit: size,
        skip: page * size,
        includeTotal: true,
        sort: 'createdAt,id',
        ...(filter !== undefined && { filter }),
      });
      const account = await accountOf(request.core, request.acting);
      return {
        pageNo: page,
        totalElements: found.total ?? found.rows.length,
        pageSize: size,
        content: await Promise.all(
          found.rows.map((p) => toNcpProfile(request.core, request.acting, account, p)),
        ),
      };
    },
  );

  api.get(
    `${BASE}/:profileId`,
    {
      config: read,
      schema: {
        ...schema,
        summary: 'A profile',
        params: ProfileIdParams,
        response: { 200: NcpProfile, ...ncpErrors(404) },
      },
    },
    async (request) =>
      shown(request, await getProfile(request.core, request.acting, request.params.profileId)),
  );

  api.patch(
    `${BASE}/:profileId`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Change a profile: a field left out or null is unchanged; roleIdList [] removes all roles',
        description: '`enabled` is not patchable: POST .../enable or .../disable.',
        params: ProfileIdParams,
        body: ProfilePatchBody,
        response: { 200: NcpProfile, ...ncpErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, params, body } = request;
      const patch = await toProfilePatch(core, acting, params.profileId, body);
      const profile =
        Object.keys(patch).length === 0
          ? await getProfile(core, acting, params.profileId)
          : await updateProfile(core, acting, params.profileId, patch);
      return shown(request, profile);
    },
  );

  api.delete(
    `${BASE}/:profileId`,
    {
      config: write,
      schema: {
        ...schema,
        summary: 'Delete a profile; answers the profile deleted',
        params: ProfileIdParams,
        response: { 200: NcpProfile, ...ncpErrors(404) },
      },
    },
    async (request) => {
      const { core, acting, params } = request;
      const profile = await getProfile(core, acting, params.profileId);
      const answer = await shown(request, profile);
      await deleteProfile(core, acting, params.profileId, profile.version);
      return answer;
    },
  );

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    api.post(
      `${BASE}/:profileId/${verb}`,
      {
        config: write,
        schema: {
          ...schema,
          summary: `${verb === 'enable' ? 'Enable' : 'Disable'} a profile (what it grants ${enabled ? 'applies' : 'stops'} at once)`,
          params: ProfileIdParams,
          response: { 200: NcpProfile, ...ncpErrors(404) },
        },
      },
      async (request) => {
        const { core, acting, params } = request;
        return shown(request, await updateProfile(core, acting, params.profileId, { enabled }));
      },
    );
  }
}
