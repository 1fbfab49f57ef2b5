import { Type, type Static } from 'typebox';
import { Name, NullableText, limits } from './common.js';

export const LabelValueInput = Type.Object(
  { name: Name, description: Type.Optional(NullableText) },
  { additionalProperties: false },
);
export type LabelValueInput = Static<typeof LabelValueInput>;

const labelFields = {
  keyName: Name,
  description: Type.Optional(NullableText),
  values: Type.Optional(
    Type.Array(LabelValueInput, {
      maxItems: limits.listItems,
      description: 'Names unique in the label; on a change the list given replaces the stored one',
    }),
  ),
};

export const LabelCreate = Type.Object(labelFields, { additionalProperties: false });
export type LabelCreate = Static<typeof LabelCreate>;

export const LabelPatch = Type.Object(
  { ...labelFields, keyName: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type LabelPatch = Static<typeof LabelPatch>;
