import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { allScopes, readOnlyScopes } from '../auth/scopes.js';

export const apiDescription = `profiled keeps access profiles: named bundles of capabilities, permissions, roles and
directory expectations, assigned to users for a time window inside a tree of tenants.

The native API lives under \`/v1\`. Collections take \`filter\` (SCIM: eq ne co sw ew gt ge lt le pr, and/or/not,
parentheses), \`sort\` (\`name,-createdAt\`), \`limit\` and \`cursor\` (the \`nextCursor\` of the previous page), and
\`count=true\` for a total. Single resources carry an \`ETag\`; send it back in \`If-Match\` to write only the version you
read (412 otherwise). Creating POSTs honour \`Idempotency-Key\`. Errors are RFC 9457 problem+json with a stable
\`code\` and the \`requestId\`.

## Authentication

Every \`/v1\` request presents a credential of a tenant, and acts on that tenant; the \`Target-Tenant\` header (an
id or code) makes it act on a descendant instead. Anything outside that subtree answers 404. Each operation names the
scope it needs; a credential without it gets 403.

- **OAuth 2.0 client credentials**: \`POST /oauth2/token\` with \`grant_type=client_credentials\` and the client id
  and secret (HTTP Basic or form fields) answers an access token (a JWT, 10 minutes by default). Send it as
  \`Authorization: Bearer <token>\`. Press **Authorize** above to get one here.
- **API keys** (\`pk_...\`): \`X-API-Key: <key>\` or \`Authorization: Bearer <key>\`.
- **Sessions**: \`POST /v1/sessions\` with a tenant, username and password answers a session token (\`ps_...\`),
  sent as \`Authorization: Bearer <token>\`.
- **HMAC access keys**: \`X-Profiled-Access-Key\`, \`X-Profiled-Timestamp\` (epoch ms) and \`X-Profiled-Signature\`:
  base64 HMAC-SHA256 with the secret key over \`<METHOD> <path and query>\\n<timestamp>\\n<access key>\`.`;

/** A compat API's part of the document (the registry's entries have this shape). */
export interface CompatDocumentation {
  openapi: {
    tags: readonly { name: string; description: string }[];
    securitySchemes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  };
}

/** OpenAPI 3.1 from the route schemas, at /openapi.json, and the interactive documentation at /docs. */
export async function registerOpenApi(
  app: FastifyInstance,
  version: string,
  docsClient: { clientId: string; clientSecret: string } | undefined,
  /** What the compat APIs served add to the document: their tags and security schemes. */
  compat: readonly CompatDocumentation[],
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'profiled', version, description: apiDescription },
      tags: [
        { name: 'Tenants', description: 'The tree of tenants' },
        { name: 'Users', description: 'Accounts and their directory facts' },
        { name: 'Groups', description: 'Directory groups and their members' },
        {
          name: 'Directories',
          description: "A tenant's LDAP directories (OpenLDAP, Active Directory) and their sync",
        },
        {
          name: 'Compliance',
          description: 'Accounts that do not match their profiles, and remediation in the directory',
        },
        { name: 'Profiles', description: 'Named bundles of capabilities, permissions and roles' },
        { name: 'Assignments', description: 'Profiles given to users for a window' },
        {
          name: 'Check-outs',
          description: "Profiles users take for a while, as the profiles' policies allow",
        },
        { name: 'Resource types', description: 'Kinds of resources the catalog offers permissions on' },
        {
          name: 'Permissions',
          description: 'Catalog permissions of resource types, versioned, with their variables',
        },
        { name: 'Labels', description: 'Label keys and the values profiles may associate' },
        {
          name: 'Roles',
          description:
            'The role catalog: roles profiles carry by name, with their kind and what they stand for',
        },
        { name: 'Access', description: 'What a user may do, where, when' },
        { name: 'Capabilities', description: 'The capability catalog' },
        { name: 'Authentication', description: 'Tokens, sessions and who you are' },
        { name: 'Credentials', description: 'OAuth clients, API keys, HMAC access keys, passwords' },
        { name: 'Audit', description: 'Who changed what, when' },
        { name: 'Operations', description: 'Health and readiness' },
        ...compat.flatMap((api) => api.openapi.tags),
      ],
      components: {
        securitySchemes: {
          oauth2: {
            type: 'oauth2',
            description: 'Client credentials; the token endpoint is POST /oauth2/token',
            flows: {
              clientCredentials: {
                tokenUrl: '/oauth2/token',
                scopes: Object.fromEntries(allScopes.map((s) => [s, s])),
              },
            },
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token, API key or session token',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          ...Object.fromEntries(compat.flatMap((api) => Object.entries(api.openapi.securitySchemes))),
        },
      },
      security: [{ oauth2: [] }, { bearer: [] }, { apiKey: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, tryItOutEnabled: true, persistAuthorization: true },
    // The demo fills in its read-only client, so a visitor gets a token with one click.
    ...(docsClient && {
      initOAuth: {
        clientId: docsClient.clientId,
        clientSecret: docsClient.clientSecret,
        scopes: [...readOnlyScopes],
      },
    }),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
