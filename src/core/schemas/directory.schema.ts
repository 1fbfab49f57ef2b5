import { Type, type Static } from 'typebox';
import { Name } from './common.js';

/** An LDAP attribute description: a name (letters, digits, hyphens) or an OID. */
const AttributeName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)*)$',
  description: 'An LDAP attribute name, e.g. department',
});
const NullableAttributeName = Type.Union([AttributeName, Type.Null()]);
const Dn = Type.String({ minLength: 1, maxLength: 1000, description: 'A distinguished name' });
const Filter = Type.String({
  minLength: 3,
  maxLength: 2000,
  pattern: '^\\(.*\\)$',
  description: 'An LDAP search filter (RFC 4515), in parentheses',
});

export const DirectoryAttributeMapInput = Type.Object(
  {
    username: Type.Optional(AttributeName),
    id: Type.Optional(AttributeName),
    email: Type.Optional(NullableAttributeName),
    displayName: Type.Optional(NullableAttributeName),
    givenName: Type.Optional(NullableAttributeName),
    familyName: Type.Optional(NullableAttributeName),
    sid: Type.Optional(NullableAttributeName),
    groupName: Type.Optional(AttributeName),
    groupMember: Type.Optional(AttributeName),
  },
  { additionalProperties: false },
);

const directoryFields = {
  name: Name,
  provider: Type.Optional(Name),
  url: Type.String({
    minLength: 8,
    maxLength: 1000,
    pattern: '^ldaps?://[^\\s/?#]+/?$',
    description: 'ldap://host:port or ldaps://host:port',
  }),
  startTls: Type.Optional(Type.Boolean()),
  caCertificate: Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: 100_000, description: 'PEM' }), Type.Null()]),
  ),
  tlsVerify: Type.Optional(Type.Boolean()),
  bindDn: Dn,
  bindPassword: Type.String({ minLength: 1, maxLength: 1024, description: 'Kept sealed, never shown' }),
  baseDn: Dn,
  userFilter: Type.Optional(Filter),
  groupFilter: Type.Optional(Filter),
  attributes: Type.Optional(Type.Array(AttributeName, { maxItems: 100, uniqueItems: true })),
  attributeMap: Type.Optional(DirectoryAttributeMapInput),
  writable: Type.Optional(Type.Boolean()),
};

export const DirectoryCreate = Type.Object(directoryFields, { additionalProperties: false });
export type DirectoryCreate = Static<typeof DirectoryCreate>;

export const DirectoryPatch = Type.Object(
  {
    ...directoryFields,
    name: Type.Optional(Name),
    url: Type.Optional(directoryFields.url),
    bindDn: Type.Optional(Dn),
    bindPassword: Type.Optional(directoryFields.bindPassword),
    baseDn: Type.Optional(Dn),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DirectoryPatch = Static<typeof DirectoryPatch>;
