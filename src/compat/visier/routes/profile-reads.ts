import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProfileAudience } from '../../../core/model/profile.js';
import { profileOfAudience, profilesOfAudience } from '../../../core/services/assigned-profiles.service.js';
import { visierErrors } from '../errors.js';
import { toVisierProfile } from '../profile.mapper.js';
import { ProfileDetailAnswer, ProfileIdParams, ProfilesGetAPIResponseDTO } from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';

export interface ProfileReads {
  audience: ProfileAudience;
  /** The paths that list the profiles (Visier answers some at two). */
  listPaths: readonly string[];
  /** The path of one profile, with `:profileId`. */
  onePath: string;
  ownTenantOnly?: boolean;
  summaries: { list: string; one: string };
}

/** The list and the details of the profiles meant for one audience. */
export function profileReadRoutes(app: FastifyInstance, visier: VisierRoutes, reads: ProfileReads): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = visier.config('profiles:read', { ownTenantOnly: reads.ownTenantOnly ?? false });
  const schema = { tags: tags.profiles, security: visierSecurity };
  const list = {
    config,
    schema: {
      ...schema,
      summary: reads.summaries.list,
      response: { 200: ProfilesGetAPIResponseDTO, ...visierErrors(404) },
    },
  };
  const listProfiles = async (request: FastifyRequest) => ({
    profiles: (await profilesOfAudience(request.core, request.acting, reads.audience)).map(toVisierProfile),
  });
  for (const path of reads.listPaths) api.get(path, list, listProfiles);

  api.get(
    reads.onePath,
    {
      config,
      schema: {
        ...schema,
        summary: reads.summaries.one,
        params: ProfileIdParams,
        description:
          'The profile as the spec shows it, and again in a `profiles` array as the samples show it.',
        response: { 200: ProfileDetailAnswer, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting, params } = request;
      const profile = toVisierProfile(
        await profileOfAudience(core, acting, params.profileId, reads.audience),
      );
      return { ...profile, profiles: [profile] };
    },
  );
}
