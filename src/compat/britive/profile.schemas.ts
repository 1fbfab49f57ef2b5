import { Type } from 'typebox';
import { PageOf } from './paging.js';

/** Britive's resource profile (ResourceProfileDto), field for field; absent fields are null there. */
const Ms = Type.Integer({ minimum: 0, maximum: 31_536_000_000, description: 'Milliseconds' });

const profileFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  expirationDuration: Type.Optional(Ms),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
  delegationEnabled: Type.Optional(Type.Boolean()),
  extendable: Type.Optional(Type.Boolean()),
  extensionDuration: Type.Optional(Type.Union([Ms, Type.Null()])),
  extensionLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1000 }), Type.Null()])),
  notificationPriorToExpiration: Type.Optional(Type.Union([Ms, Type.Null()])),
  policyOrderingEnabled: Type.Optional(Type.Boolean()),
  exclusiveCheckout: Type.Optional(Type.Boolean()),
};

export const ProfileCreateDto = Type.Object(
  {
    ...profileFields,
    profileId: Type.Optional(
      Type.String({ maxLength: 200, description: 'Ignored: profiled assigns the id' }),
    ),
  },
  { additionalProperties: false },
);

export const ProfilePatchDto = Type.Object(
  {
    ...profileFields,
    name: Type.Optional(profileFields.name),
    profileId: Type.Optional(Type.String({ maxLength: 200, description: 'Ignored' })),
  },
  { additionalProperties: false },
);

export const ResourceProfileDto = Type.Object({
  profileId: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  expirationDuration: Type.Integer(),
  status: Type.String(),
  delegationEnabled: Type.Boolean(),
  extendable: Type.Boolean(),
  extensionDuration: Type.Optional(Type.Integer()),
  extensionLimit: Type.Optional(Type.Integer()),
  notificationPriorToExpiration: Type.Optional(Type.Integer()),
  policyOrderingEnabled: Type.Boolean(),
  exclusiveCheckout: Type.Boolean(),
});

export const LabelAssociation = Type.Record(
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500 }),
  { maxProperties: 100 },
);

export const ResourceProfileInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  associations: LabelAssociation,
  status: Type.String(),
  expiration: Type.String({ description: 'expirationDuration, in milliseconds' }),
  lastAccessed: Type.Optional(Type.String()),
  lastModifiedBy: Type.String(),
  policyOrderingEnabled: Type.Boolean(),
});

export const ResourceProfileSummary = PageOf(ResourceProfileInfo);

export const ProfileIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export const ProfileIdParam = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 200 }) });

export const ProfileAssociationDto = Type.Object(
  { associations: LabelAssociation },
  { additionalProperties: false },
);
