import { Type } from 'typebox';
import { FreeObject } from '../../core/schemas/common.js';
import { LabelAssociation } from './profile.schemas.js';

const Ref = Type.String({ minLength: 1, maxLength: 200 });
const MemberType = Type.Union([
  Type.Literal('User'),
  Type.Literal('Tag'),
  Type.Literal('ServiceIdentity'),
  Type.Literal('Token'),
]);

/** A member in Britive's list form (MemberDto): `{id|name, memberType}`. */
export const MemberDto = Type.Object(
  { id: Type.Optional(Ref), name: Type.Optional(Ref), memberType: MemberType },
  { additionalProperties: false },
);

const Named = Type.Union([
  Type.Object({ id: Type.Optional(Ref), name: Type.Optional(Ref) }, { additionalProperties: false }),
  Ref,
]);
const Many = Type.Optional(Type.Array(Named, { maxItems: 500 }));

/** Members in Britive's object form: `{users: [{id}|{name}], tags: [...], serviceIdentities, tokens}`. */
export const MembersByKind = Type.Object(
  { users: Many, tags: Many, serviceIdentities: Many, tokens: Many },
  { additionalProperties: false },
);

/**
 * A policy as Britive's SDK and Terraform send it. `members` comes as a list or as an object,
 * `condition` as an object or as its JSON text; `resource`, `accessLevel` and `consumer` are
 * taken and not kept (profiled's policies cover the profile, whatever its resources).
 */
export const PolicyBody = Type.Object(
  {
    id: Type.Optional(Ref),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
    isDraft: Type.Optional(Type.Boolean()),
    isReadOnly: Type.Optional(Type.Boolean()),
    accessType: Type.Optional(Type.Union([Type.Literal('Allow'), Type.Literal('Deny')])),
    condition: Type.Optional(Type.Union([FreeObject, Type.String({ maxLength: 20_000 }), Type.Null()])),
    members: Type.Optional(Type.Union([Type.Array(MemberDto, { maxItems: 2000 }), MembersByKind])),
    resourceLabels: Type.Optional(Type.Union([LabelAssociation, Type.Null()])),
    resource: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    accessLevel: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    consumer: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const PolicyPatchBody = Type.Object(
  { ...PolicyBody.properties, name: Type.Optional(PolicyBody.properties.name) },
  { additionalProperties: false },
);

export const ResourcePolicyDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  isActive: Type.Boolean(),
  isDraft: Type.Boolean(),
  isReadOnly: Type.Boolean(),
  accessType: Type.String(),
  condition: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  consumer: Type.String(),
  members: Type.Array(
    Type.Object({ id: Type.String(), name: Type.Optional(Type.String()), memberType: Type.String() }),
  ),
  resourceLabels: LabelAssociation,
});

export const PolicyParams = Type.Object({
  profileId: Type.String({ minLength: 1, maxLength: 200 }),
  policyId: Type.String({ minLength: 1, maxLength: 200, description: 'The policy id, or its name' }),
});

export const PolicyListQuery = Type.Object(
  { filter: Type.Optional(Type.String({ maxLength: 2000, description: 'e.g. `name eq Admins`' })) },
  { additionalProperties: false },
);

export const PolicyGetQuery = Type.Object(
  { compactResponse: Type.Optional(Type.Boolean({ description: 'true: members without their names' })) },
  { additionalProperties: false },
);

export const PolicyOrder = Type.Array(
  Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 200 }),
      order: Type.Integer({ minimum: 0, maximum: 10_000 }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 200 },
);
