import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { filterInMemory } from '../../../core/services/in-memory-filter.js';
import { getProfile, updateProfileFrom } from '../../../core/services/profile.service.js';
import { britiveErrors } from '../errors.js';
import { booleans, britiveFilter } from '../filter.js';
import { policyOf, toPolicy, toResourcePolicyDtos, updatedPolicy } from '../policy.mapper.js';
import {
  PolicyBody,
  PolicyGetQuery,
  PolicyListQuery,
  PolicyOrder,
  PolicyParams,
  PolicyPatchBody,
  ResourcePolicyDto,
} from '../policy.schemas.js';
import { ProfileIdParam } from '../profile.schemas.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

const policyFilter = {
  id: { field: 'id' },
  name: { field: 'name' },
  accessType: { field: 'accessType' },
  isActive: { field: 'isActive', values: booleans },
  isDraft: { field: 'isDraft', values: booleans },
};

/** The policies of a profile: who may check it out, in order when the profile orders them. */
export function policyRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.policies, security: britiveSecurity };
  const base = `${RM}/profiles/:profileId/policies`;

  api.post(
    base,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Add a policy to a profile',
        description:
          'Members as a list (`[{id|name, memberType}]`) or an object (`{users, tags, serviceIdentities, tokens}`); users by id or username, tags (groups) by id or name. `condition` as an object or its JSON text.',
        params: ProfileIdParam,
        body: PolicyBody,
        response: { 201: ResourcePolicyDto, ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, acting, params, body } = request;
      const policy = await toPolicy(core, acting, newId(), body);
      await updateProfileFrom(core, acting, params.profileId, (profile) => {
        if (profile.policies.some((p) => p.name === policy.name)) {
          throw new DomainError(
            'policy.name_in_use',
            `the profile has a policy named "${policy.name}" already`,
          );
        }
        return { policies: [...profile.policies, policy] };
      });
      return reply.code(201).send((await toResourcePolicyDtos(core, acting, [policy]))[0]!);
    },
  );

  api.get(
    base,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: "A profile's policies, in their order",
        params: ProfileIdParam,
        querystring: PolicyListQuery,
        response: { 200: Type.Array(ResourcePolicyDto), ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params, query } = request;
      const profile = await getProfile(core, acting, params.profileId);
      const filter = query.filter === undefined ? undefined : britiveFilter(query.filter, policyFilter);
      const policies = filterInMemory(profile.policies, filter, (p) => ({
        id: p.id,
        name: p.name,
        accessType: p.accessType,
        isActive: p.isActive,
        isDraft: p.isDraft,
      }));
      return toResourcePolicyDtos(core, acting, policies);
    },
  );

  api.get(
    `${base}/:policyId`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'A policy of a profile, by id or by name',
        params: PolicyParams,
        querystring: PolicyGetQuery,
        response: { 200: ResourcePolicyDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params, query } = request;
      const profile = await getProfile(core, acting, params.profileId);
      const [dto] = await toResourcePolicyDtos(
        core,
        acting,
        [policyOf(profile.policies, params.policyId)],
        query.compactResponse,
      );
      return dto!;
    },
  );

  api.patch(
    `${base}/:policyId`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Update a policy (the fields sent; a null condition leaves it as it is)',
        params: PolicyParams,
        body: PolicyPatchBody,
        response: { 204: Type.Null({ description: 'Updated' }), ...britiveErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, acting, params, body } = request;
      await updateProfileFrom(core, acting, params.profileId, async (profile) => {
        const current = policyOf(profile.policies, params.policyId);
        const next = await updatedPolicy(core, acting, current, body);
        if (profile.policies.some((p) => p.id !== current.id && p.name === next.name)) {
          throw new DomainError(
            'policy.name_in_use',
            `the profile has a policy named "${next.name}" already`,
          );
        }
        return { policies: profile.policies.map((p) => (p.id === current.id ? next : p)) };
      });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    `${base}/:policyId`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Remove a policy from a profile',
        params: PolicyParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      const { core, acting, params } = request;
      await updateProfileFrom(core, acting, params.profileId, (profile) => {
        const gone = policyOf(profile.policies, params.policyId);
        return { policies: profile.policies.filter((p) => p.id !== gone.id) };
      });
      return reply.code(204).send(null);
    },
  );

  api.post(
    `${base}/order`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: "Set the policies' order (the profile must have policy ordering enabled)",
        description:
          'A JSON array `[{id, order}]`; policies left out keep their relative order, after those given.',
        params: ProfileIdParam,
        body: PolicyOrder,
        response: { 200: PolicyOrder, ...britiveErrors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, params, body } = request;
      const profile = await updateProfileFrom(core, acting, params.profileId, (current) => {
        if (!current.checkout.policyOrderingEnabled) {
          throw new DomainError(
            'validation.failed',
            'policy ordering is not enabled on this profile (PATCH policyOrderingEnabled: true)',
          );
        }
        const rank = new Map(body.map((entry) => [entry.id, entry.order]));
        for (const id of rank.keys()) policyOf(current.policies, id);
        const ordered = current.policies
          .map((policy, index) => ({ policy, index }))
          .sort(
            (a, b) =>
              (rank.get(a.policy.id) ?? Infinity) - (rank.get(b.policy.id) ?? Infinity) || a.index - b.index,
          )
          .map((entry) => entry.policy);
        return { policies: ordered };
      });
      return profile.policies.map((policy, order) => ({ id: policy.id, order }));
    },
  );
}
