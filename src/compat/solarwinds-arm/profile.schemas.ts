import { Type } from 'typebox';
import { limits, Uuid } from '../../core/schemas/common.js';
import { AccountModel, KeyValue } from './account.schemas.js';
import { COLOR_MAX } from './color.js';

const Color = Type.Union([Type.Integer({ minimum: 0, maximum: COLOR_MAX }), Type.Null()], {
  description: '0xRRGGBB as an int (e.g. 16711680 is #FF0000); null: no colour',
});
const LocalTime = Type.String({
  description: "A local date-time without offset, in the tenant's settings.timeZone (else the server's)",
});

export const ProfileModel = Type.Object(
  {
    Id: Type.String(),
    Name: Type.String(),
    Description: Type.String(),
    Color,
    Initials: Type.Union([Type.String(), Type.Null()]),
    CreationDateTimeLocal: LocalTime,
    LastModifiedDateTimeLocal: LocalTime,
    Groups: Type.Array(AccountModel, { description: 'The groups the profile desires its holders to be in' }),
    LdapAttributes: Type.Array(KeyValue, { description: 'The attribute values the profile desires' }),
  },
  { description: 'An ARM profile' },
);

/** A group given to CreateUpdate: an account id or SID, or an account (as GET answers it). */
const GroupRef = Type.Union([
  Type.String({ minLength: 1, maxLength: limits.name, description: 'A SerializedAccountId or a SID' }),
  Type.Object(
    {
      SerializedAccountId: Type.Optional(Type.String({ minLength: 1, maxLength: limits.name })),
      Sid: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: limits.name }), Type.Null()])),
      // What GET answers besides, so that a profile read can be sent back as it is.
      ResourceTypeGuid: Type.Optional(Type.String({ maxLength: limits.name })),
      UriKey: Type.Optional(Type.Union([Type.String({ maxLength: limits.text }), Type.Null()])),
      DisplayName: Type.Optional(Type.String({ maxLength: limits.name })),
      Provider: Type.Optional(Type.Union([Type.String({ maxLength: limits.name }), Type.Null()])),
      IsGroup: Type.Optional(Type.Boolean()),
      Guid: Type.Optional(Type.Union([Type.String({ maxLength: limits.name }), Type.Null()])),
      Description: Type.Optional(Type.Union([Type.String({ maxLength: limits.text }), Type.Null()])),
      Attributes: Type.Optional(Type.Array(Type.Unknown(), { maxItems: limits.listItems })),
      ExtendedAttributes: Type.Optional(Type.Array(Type.Unknown(), { maxItems: limits.listItems })),
      Children: Type.Optional(Type.Array(Type.Unknown(), { maxItems: limits.listItems })),
      TypeId: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    },
    { additionalProperties: false },
  ),
]);

const AttributeIn = Type.Object(
  {
    Key: Type.String({ minLength: 1, maxLength: limits.name }),
    Value: Type.String({ maxLength: limits.text }),
  },
  { additionalProperties: false },
);

/** Create (no Id, a null or empty Guid) or update (the Id of a profile): fields left out stay as they are. */
export const CreateUpdateBody = Type.Object(
  {
    Id: Type.Optional(Type.Union([Uuid, Type.Null()])),
    Name: Type.Optional(Type.String({ minLength: 1, maxLength: limits.name })),
    Description: Type.Optional(Type.Union([Type.String({ maxLength: limits.text }), Type.Null()])),
    Color: Type.Optional(Color),
    Initials: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 4 }), Type.Null()])),
    Groups: Type.Optional(Type.Array(GroupRef, { maxItems: limits.listItems })),
    LdapAttributes: Type.Optional(Type.Array(AttributeIn, { maxItems: limits.listItems })),
    // Read-only fields of GET's answer, accepted so that a profile read can be sent back.
    CreationDateTimeLocal: Type.Optional(Type.String({ maxLength: 64 })),
    LastModifiedDateTimeLocal: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const ProfileIds = Type.Array(Uuid, {
  maxItems: limits.listItems,
  description: 'Profile ids',
});

export const ProfileIdQuery = Type.Object(
  { profileId: Type.String({ format: 'uuid', description: "The profile's Id" }) },
  { required: ['profileId'], additionalProperties: false },
);
