import { Type, type TSchema } from 'typebox';

/** One field of an ARM form template: what ARM's web client draws and fills in. */
const field = <Value extends TSchema>(kind: string, value: Value) =>
  Type.Object({
    Type: Type.Literal(kind),
    value,
    defaultValue: value,
    label: Type.String(),
    description: Type.String(),
    isRequired: Type.Boolean(),
    isEnabled: Type.Boolean(),
    isHidden: Type.Boolean(),
  });

export const TextField = field('text', Type.String());
export const CheckboxField = field('checkbox', Type.Boolean());

export const AttributeTemplate = Type.Object(
  {
    AvailableAttributes: Type.Array(Type.Object({ Key: Type.String(), Value: TextField }), {
      description: 'The directory attributes a profile may require, by name',
    }),
  },
  { description: "ARM's form template of LDAP attributes" },
);

export const ConfigurationTemplate = Type.Object(
  { are_unassigned_accounts_non_compliant: CheckboxField },
  { description: "ARM's form template of the profile settings" },
);

/** A setting as saved: the value, or the template's field with its value (as ARM's client posts it). */
const Setting = Type.Union([
  Type.Boolean(),
  Type.Object(
    {
      value: Type.Boolean(),
      Type: Type.Optional(Type.String({ maxLength: 50 })),
      defaultValue: Type.Optional(Type.Boolean()),
      label: Type.Optional(Type.String({ maxLength: 2000 })),
      description: Type.Optional(Type.String({ maxLength: 2000 })),
      isRequired: Type.Optional(Type.Boolean()),
      isEnabled: Type.Optional(Type.Boolean()),
      isHidden: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
]);

export const ConfigurationBody = Type.Object(
  { are_unassigned_accounts_non_compliant: Setting },
  { required: ['are_unassigned_accounts_non_compliant'], additionalProperties: false },
);
