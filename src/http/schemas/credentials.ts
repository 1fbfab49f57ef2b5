import { Type } from 'typebox';
import { allScopes } from '../../auth/scopes.js';
import { Instant, NullableInstant } from './common.js';

export const ScopeName = Type.Union(
  allScopes.map((s) => Type.Literal(s)),
  { description: 'A scope of the native API' },
);

export const ScopeList = Type.Array(ScopeName, { uniqueItems: true, maxItems: allScopes.length });

export const CredentialCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Optional(
      Type.Array(ScopeName, {
        uniqueItems: true,
        maxItems: allScopes.length,
        description: "Default: the creator's own scopes; never more than those",
      }),
    ),
    userId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Instant, Type.Null()])),
  },
  { additionalProperties: false },
);

export const CredentialPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scopes: Type.Optional(ScopeList),
    expiresAt: Type.Optional(Type.Union([Instant, Type.Null()])),
  },
  { additionalProperties: false },
);

const common = {
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  expiresAt: NullableInstant,
  revokedAt: NullableInstant,
  lastUsedAt: NullableInstant,
  createdAt: Instant,
  createdBy: Type.String(),
};

/** A credential kind as the API names it: its path, and the names of its public and secret halves. */
export interface CredentialKindSpec {
  kind: 'oauth_client' | 'api_key' | 'access_key';
  path: string;
  noun: string;
  publicField: string;
  secretField: string;
  schemaId: string;
}

export const credentialKinds: readonly CredentialKindSpec[] = [
  {
    kind: 'oauth_client',
    path: '/v1/oauth-clients',
    noun: 'OAuth client',
    publicField: 'clientId',
    secretField: 'clientSecret',
    schemaId: 'OAuthClient',
  },
  {
    kind: 'api_key',
    path: '/v1/api-keys',
    noun: 'API key',
    publicField: 'prefix',
    secretField: 'key',
    schemaId: 'ApiKey',
  },
  {
    kind: 'access_key',
    path: '/v1/access-keys',
    noun: 'HMAC access key',
    publicField: 'accessKey',
    secretField: 'secretKey',
    schemaId: 'AccessKey',
  },
];

export const credentialSchema = (spec: CredentialKindSpec) =>
  Type.Object({ ...common, [spec.publicField]: Type.String() }, { $id: spec.schemaId });

export const issuedCredentialSchema = (spec: CredentialKindSpec) =>
  Type.Object({
    ...common,
    [spec.publicField]: Type.String(),
    [spec.secretField]: Type.String({
      description: 'Shown this once; profiled keeps only a hash or a sealed copy',
    }),
  });

export const PasswordSet = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    scopes: Type.Optional(ScopeList),
  },
  { additionalProperties: false },
);

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const PasswordChanged = Type.Object({
  revokedSessions: Type.Integer({ description: 'Sessions (and their tokens) revoked by this change' }),
  revokedCredentials: Type.Integer({
    description:
      'Every credential acting as the user revoked by this change: sessions, API keys, access keys, clients',
  }),
});
