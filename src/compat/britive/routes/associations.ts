import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { checkAssociations } from '../../../core/services/label-associations.service.js';
import { getProfile, updateProfileFrom } from '../../../core/services/profile.service.js';
import { britiveErrors } from '../errors.js';
import { ProfileAssociationDto, ProfileIdParams } from '../profile.schemas.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

/** A profile's label associations: which resources (by label key and values) its permissions cover. */
export function associationRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: britiveSecurity };
  const url = `${RM}/profiles/:id/associations`;

  api.post(
    url,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary:
          "Set a profile's label associations (keys and values from the labels; an unknown one is a 400 naming it)",
        params: ProfileIdParams,
        body: ProfileAssociationDto,
        response: { 200: ProfileAssociationDto, ...britiveErrors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, params, body } = request;
      await checkAssociations(core, acting, body.associations);
      const profile = await updateProfileFrom(core, acting, params.id, () => ({
        associations: body.associations,
      }));
      return { associations: profile.associations };
    },
  );

  api.get(
    url,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: "A profile's label associations",
        params: ProfileIdParams,
        response: { 200: ProfileAssociationDto, ...britiveErrors(400, 404) },
      },
    },
    async (request) => ({
      associations: (await getProfile(request.core, request.acting, request.params.id)).associations,
    }),
  );
}
