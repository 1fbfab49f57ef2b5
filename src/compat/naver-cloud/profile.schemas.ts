import { Type } from 'typebox';

/** NCP's rule for a profile name: 3 to 30 of A-Z a-z 0-9 . _ -, starting with a letter. */
export const PROFILE_NAME = /^[A-Za-z][A-Za-z0-9._-]{2,29}$/;
export const DESCRIPTION_MAX_BYTES = 300;
export const DURATION = { min: 600, max: 43_200, default: 3600 };

const RoleIdList = Type.Union(
  [Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }), Type.Null()],
  {
    description: "Role ids of the account's catalog (GET /v1/roles); null or [] is no role",
  },
);
const Description = Type.Union([Type.String(), Type.Null()], {
  description: `0 to ${DESCRIPTION_MAX_BYTES} bytes (UTF-8)`,
});
const Duration = Type.Union([Type.Integer(), Type.Null()], {
  description: `${DURATION.min} to ${DURATION.max} seconds; default ${DURATION.default}`,
});

/** Names and numbers are checked by the handler, so that each broken rule is a 400 naming it. */
export const ProfileCreateBody = Type.Object(
  {
    name: Type.String({
      description: '3 to 30 of A-Z a-z 0-9 . _ -, starting with a letter; unique in the account',
    }),
    description: Type.Optional(Description),
    durationSeconds: Type.Optional(Duration),
    enabled: Type.Optional(Type.Union([Type.Boolean({ default: false }), Type.Null()])),
    roleIdList: Type.Optional(RoleIdList),
  },
  { additionalProperties: false },
);

export const ProfilePatchBody = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    description: Type.Optional(Description),
    durationSeconds: Type.Optional(Duration),
    roleIdList: Type.Optional(RoleIdList),
    enabled: Type.Optional(
      Type.Unknown({ description: 'Not patchable: POST .../enable or .../disable (a 400 says so)' }),
    ),
  },
  { additionalProperties: false },
);

export const NcpProfile = Type.Object(
  {
    profileId: Type.String(),
    profileNrn: Type.String({ description: 'nrn:PUB:ExternalAccess::<account number>:Profile/<profileId>' }),
    name: Type.String(),
    description: Type.String(),
    enabled: Type.Boolean(),
    durationSeconds: Type.Integer(),
    roleNrnList: Type.Array(Type.String({ description: 'nrn:PUB:IAM::<account number>:Role/<roleId>' })),
    createTime: Type.String({ description: 'ISO 8601 with the account offset and milliseconds' }),
    updateTime: Type.String(),
  },
  { description: 'An External Access profile' },
);

export const NcpProfilePage = Type.Object({
  pageNo: Type.Integer(),
  totalElements: Type.Integer(),
  pageSize: Type.Integer(),
  content: Type.Array(NcpProfile),
});

export const ProfileListQuery = Type.Object(
  {
    searchColumn: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('profileNrn')])),
    searchWord: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 20 })),
  },
  { additionalProperties: false },
);

export const ProfileIdParams = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 100 }) });
