import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ActingTenant, CoreContext } from '../../../core/context.js';
import { everyRow } from '../../../core/services/page.js';
import {
  createProfile,
  deleteProfile,
  listProfiles,
  updateProfileFrom,
} from '../../../core/services/profile.service.js';
import { inTransaction } from '../../../core/transaction.js';
import { ChangeResult, changeResult } from '../change-result.js';
import { armErrors } from '../errors.js';
import { newProfileFields, profileFields, toProfileModel } from '../profile.mapper.js';
import { CreateUpdateBody, ProfileIdQuery, ProfileIds, ProfileModel } from '../profile.schemas.js';
import { profileViewOf } from '../profile-view.js';
import { armSecurity, PROFILES, tags, type ArmRoutes } from '../route-config.js';

/** .NET's Guid.Empty: what ARM's client sends as the Id of a profile to create. */
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const Deleted = ChangeResult(ProfileIds, 'The ids of the profiles deleted');

/** Deletes every one of `ids` or, when one is not a profile of the tenant, none. */
const deleteAll = (ctx: CoreContext, tenant: ActingTenant, ids: readonly string[]) =>
  inTransaction(ctx, async (tx) => {
    const distinct = [...new Set(ids)];
    for (const id of distinct) await deleteProfile(tx, tenant, id);
    return distinct;
  });

/** Profiles: the list, CreateUpdate, Delete (by body or by query). */
export function profileRoutes(app: FastifyInstance, arm: ArmRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: armSecurity };

  api.get(
    PROFILES,
    {
      config: arm.config('profiles:read'),
      schema: {
        ...schema,
        summary: "The tenant's profiles, by name",
        response: { 200: Type.Array(ProfileModel), ...armErrors() },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const [profiles, view] = await Promise.all([
        everyRow((cursor) => listProfiles(core, acting, { cursor, limit: 500, sort: 'name' })),
        profileViewOf(core, acting),
      ]);
      return profiles.map((profile) => toProfileModel(profile, view));
    },
  );

  api.post(
    `${PROFILES}/CreateUpdate`,
    {
      config: arm.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Create a profile (no Id, or the empty Guid), or update the one Id names',
        description:
          'Fields left out stay as they are. Groups are named by SerializedAccountId or SID; LdapAttributes as Key/Value. An Id that names no profile of the tenant is a 404.',
        body: CreateUpdateBody,
        response: {
          200: ChangeResult(ProfileModel, 'The profile as saved'),
          ...armErrors(404, 409),
        },
      },
    },
    async (request) => {
      const { core, acting, body } = request;
      const view = await profileViewOf(core, acting);
      const saved =
        body.Id === undefined || body.Id === null || body.Id === EMPTY_GUID
          ? await createProfile(core, acting, newProfileFields(body, view.groups))
          : await updateProfileFrom(core, acting, body.Id, (current) =>
              profileFields(body, view.groups, current),
            );
      return changeResult(request, toProfileModel(saved, view));
    },
  );

  api.post(
    `${PROFILES}/Delete`,
    {
      config: arm.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Delete profiles, by id: all of them, or none when one is unknown (404)',
        body: ProfileIds,
        response: { 200: Deleted, ...armErrors(404) },
      },
    },
    async (request) => changeResult(request, await deleteAll(request.core, request.acting, request.body)),
  );

  api.delete(
    `${PROFILES}/Delete`,
    {
      config: arm.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Delete one profile: ?profileId=',
        querystring: ProfileIdQuery,
        response: { 200: Deleted, ...armErrors(404) },
      },
    },
    async (request) =>
      changeResult(request, await deleteAll(request.core, request.acting, [request.query.profileId])),
  );
}
