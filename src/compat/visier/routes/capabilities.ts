import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { getCapability, listCapabilities } from '../../../core/services/capability.service.js';
import { everyRow } from '../../../core/services/page.js';
import type { Capability } from '../../../core/model/capability.js';
import { visierErrors } from '../errors.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';
import { TenantCodeQuery, tenantOfQuery } from '../tenant-code.js';

const CapabilityDTO = Type.Object({
  name: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
});
const GetCapabilitiesAPIResponseDTO = Type.Object({ capabilities: Type.Array(CapabilityDTO) });
const Query = Type.Object(TenantCodeQuery);
const Params = Type.Object({ capabilityId: Type.String({ minLength: 1, maxLength: 200 }) });

const toDto = (c: Capability) => ({ name: c.name, displayName: c.displayName, description: c.description });

/**
 * The capability catalog. It is the same for every tenant; a `tenantCode` is still checked,
 * so one outside the caller's subtree answers 404 as elsewhere.
 */
export function capabilityRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: visierSecurity, querystring: Query };

  api.get(
    '/v1/admin/capabilities',
    {
      config: visier.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'Retrieve a list of all permission capabilities',
        response: { 200: GetCapabilitiesAPIResponseDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      await tenantOfQuery(request.core, request.acting, request.query.tenantCode);
      const all = await everyRow((cursor) =>
        listCapabilities(request.core, { cursor, limit: 200, sort: 'name' }),
      );
      return { capabilities: all.map(toDto) };
    },
  );

  api.get(
    '/v1/admin/capabilities/:capabilityId',
    {
      config: visier.config('profiles:read'),
      schema: {
        ...schema,
        summary: "Retrieve a permission capability's details",
        params: Params,
        response: { 200: CapabilityDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      await tenantOfQuery(request.core, request.acting, request.query.tenantCode);
      return toDto(await getCapability(request.core, request.params.capabilityId));
    },
  );
}
