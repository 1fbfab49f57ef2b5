import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const apiDescription = `profiled keeps access profiles: named bundles of capabilities, permissions, roles and
directory expectations, assigned to users for a time window inside a tree of tenants.

The native API lives under \`/v1\`. Collections take \`filter\` (SCIM: eq ne co sw ew gt ge lt le pr, and/or/not,
parentheses), \`sort\` (\`name,-createdAt\`), \`limit\` and \`cursor\` (the \`nextCursor\` of the previous page), and
\`count=true\` for a total. Single resources carry an \`ETag\`; send it back in \`If-Match\` to write only the version you
read (412 otherwise). Creating POSTs honour \`Idempotency-Key\`. Errors are RFC 9457 problem+json with a stable
\`code\` and the \`requestId\`. The \`Target-Tenant\` header (an id or code) makes a request act from that tenant.`;

/** OpenAPI 3.1 from the route schemas, at /openapi.json, and the interactive documentation at /docs. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'profiled', version, description: apiDescription },
      tags: [
        { name: 'Tenants', description: 'The tree of tenants' },
        { name: 'Users', description: 'Accounts and their directory facts' },
        { name: 'Groups', description: 'Directory groups and their members' },
        { name: 'Profiles', description: 'Named bundles of capabilities, permissions and roles' },
        { name: 'Assignments', description: 'Profiles given to users for a window' },
        { name: 'Access', description: 'What a user may do, where, when' },
        { name: 'Capabilities', description: 'The capability catalog' },
        { name: 'Operations', description: 'Health and readiness' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, tryItOutEnabled: true },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
