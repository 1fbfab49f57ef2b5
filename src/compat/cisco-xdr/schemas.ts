import { Type } from 'typebox';
import { FreeObject } from '../../core/schemas/common.js';

/** Cisco XDR's Profile and user-mgmt shapes: kebab-case keys, booleans ending in `?`. */

const Time = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const IdpMapping = Type.Object({
  idp: Type.String({
    description: "The directory or IdP the account comes from (the user's directory provider)",
  }),
  'user-identity-id': Type.String({ description: 'The account there (its SID, else the username)' }),
  'organization-id': Type.String(),
  'enabled?': Type.Boolean(),
});

export const CiscoUser = Type.Object(
  {
    'user-id': Type.String(),
    'user-email': Nullable(Type.String()),
    'user-name': Type.String({
      description: 'The display name, else given and family name, else the username',
    }),
    'user-nick': Type.String({ description: 'The nickname, else the username' }),
    'user-given-name': Nullable(Type.String()),
    'user-family-name': Nullable(Type.String()),
    role: Type.String({ description: "The user's role; `user` when none is set" }),
    scopes: Type.Array(Type.String(), {
      description:
        "whoami and your profile: the token's scopes; other accounts: what their sign-ins may hold",
    }),
    'org-id': Type.String(),
    'enabled?': Type.Boolean(),
    locale: Nullable(Type.String()),
    'created-at': Time,
    'updated-at': Time,
    'last-logged-at': Nullable(Time),
    'idp-mappings': Type.Array(IdpMapping),
  },
  { additionalProperties: false },
);

const AddressText = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const CiscoAddress = Type.Object(
  {
    street: AddressText(200),
    city: AddressText(200),
    region: AddressText(200),
    'postal-code': AddressText(40),
    country: AddressText(200),
  },
  { additionalProperties: false },
);

export const CiscoOrg = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    address: Type.Union([CiscoAddress, Type.Null()]),
    'additional-scopes': Type.Array(Type.String()),
    'allow-all-role-to-login': Type.Boolean(),
    'allow-all-role-to-login-editable?': Type.Boolean({
      description: 'Whether the caller (an admin) may change it',
    }),
    'scim-status': Type.String(),
    'activation-status': Type.String(),
    'enabled?': Type.Boolean(),
    settings: Type.Record(Type.String(), Type.Unknown()),
    'created-at': Time,
    'updated-at': Time,
  },
  { additionalProperties: false },
);

export const WhoAmI = Type.Object({ user: CiscoUser, org: CiscoOrg }, { additionalProperties: false });

export const OrgUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    address: Type.Optional(CiscoAddress),
    settings: Type.Optional(FreeObject),
    'allow-all-role-to-login': Type.Optional(Type.Boolean()),
  },
  {
    additionalProperties: false,
    description:
      'A partial update: keys left out keep their value. `address` is replaced whole (`{}` clears it); `settings` is merged key by key, a key set to null is removed.',
  },
);

/** A name as Cisco takes it; the letters-only rule is checked by name-rules.ts, which says which. */
const NameText = Type.String({ maxLength: 100 });

export const OwnUserUpdate = Type.Object(
  {
    'user-given-name': Type.Optional(NameText),
    'user-family-name': Type.Optional(NameText),
    'user-nick': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
    'user-email': Type.Optional(Type.String({ maxLength: 320 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);

/** Your profile after an update; a password change says what it logged out. */
export const OwnUserUpdated = Type.Object(
  {
    ...CiscoUser.properties,
    'logged-out?': Type.Optional(Type.Boolean({ description: 'true after a password change' })),
    'revoked-sessions': Type.Optional(Type.Integer()),
    'revoked-credentials': Type.Optional(
      Type.Integer({ description: 'Sessions, keys and clients acting as you' }),
    ),
  },
  { additionalProperties: false },
);

export const AccountUpdate = Type.Object(
  {
    role: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        pattern: '^[a-z][a-z0-9-]*$',
        description: 'e.g. admin, user',
      }),
    ),
    'enabled?': Type.Optional(Type.Boolean()),
    'user-given-name': Type.Optional(NameText),
    'user-family-name': Type.Optional(NameText),
    'user-nick': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    'user-name': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const MAX_BATCH_IDS = 100;
export const BatchQuery = Type.Object(
  {
    id: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      minItems: 1,
      maxItems: MAX_BATCH_IDS,
      description: `Repeated: ?id=a&id=b (at most ${MAX_BATCH_IDS})`,
    }),
  },
  { additionalProperties: false },
);

/** Cisco's sort keys and the user fields they sort by. */
export const sortFields = {
  'user-id': 'id',
  'user-email': 'email',
  'user-given-name': 'givenName',
  'user-family-name': 'familyName',
  role: 'role',
  'created-at': 'createdAt',
  'updated-at': 'updatedAt',
} as const;

export const MAX_PAGE = 100;
export const SearchQuery = Type.Object(
  {
    sort_by: Type.Optional(
      Type.Unsafe<keyof typeof sortFields>(
        Type.String({ enum: Object.keys(sortFields), description: 'Default: username' }),
      ),
    ),
    sort_order: Type.Optional(Type.Unsafe<'asc' | 'desc'>(Type.String({ enum: ['asc', 'desc'] }))),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'Accounts to skip' })),
    search_after: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'The `search_after` of the previous page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: 'Default 20' })),
  },
  { additionalProperties: false },
);

export const SearchCriteria = Type.Object(
  {
    query: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Free text, found (ignoring case) in the email, names, nickname or username',
      }),
    ),
    role: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 50 }),
        Type.Array(Type.String({ maxLength: 50 }), { minItems: 1, maxItems: 20 }),
      ]),
    ),
    'enabled?': Type.Optional(Type.Boolean()),
    'user-email': Type.Optional(Type.String({ maxLength: 320, description: 'Exactly, ignoring case' })),
  },
  { additionalProperties: false },
);

export const SearchAnswer = Type.Object(
  {
    users: Type.Array(CiscoUser),
    total: Type.Integer({ description: 'Accounts matching the criteria, all pages together' }),
    offset: Type.Integer(),
    limit: Type.Integer(),
    search_after: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass it back as `search_after` for the next page; null on the last one',
    }),
  },
  { additionalProperties: false },
);

export const UsersPageQuery = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: 'Default 20' })),
  },
  { additionalProperties: false },
);

export const UsersPage = Type.Object(
  {
    users: Type.Array(CiscoUser),
    total: Type.Integer(),
    offset: Type.Integer(),
    limit: Type.Integer(),
  },
  { additionalProperties: false },
);

export const ScopesAnswer = Type.Array(
  Type.Object({ scope: Type.String(), description: Type.String() }, { additionalProperties: false }),
);

export const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ maxLength: 200, description: 'client_credentials or refresh_token' }),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ maxLength: 500 })),
    refresh_token: Type.Optional(Type.String({ maxLength: 500 })),
    scope: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const TokenAnswer = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  scope: Type.String({ description: "Space-separated, in Cisco's words" }),
  refresh_token: Type.Optional(
    Type.String({ description: 'refresh_token grant only: the next refresh token' }),
  ),
});

export const OAuthErrorAnswer = Type.Object({
  error: Type.String(),
  error_description: Type.String(),
});
