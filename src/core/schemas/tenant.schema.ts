import { Type, type Static } from 'typebox';
import { FreeObject, Name, Uuid } from './common.js';

export const TenantCode = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_~.-]*$',
  description: 'Unique across the installation, e.g. WFF_j1r or WFF_j1r~c7o.',
});

export const Address = Type.Object(
  {
    street: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.Optional(Type.String({ maxLength: 200 })),
    region: Type.Optional(Type.String({ maxLength: 200 })),
    postalCode: Type.Optional(Type.String({ maxLength: 40 })),
    country: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const TenantCreate = Type.Object(
  {
    code: TenantCode,
    name: Name,
    parentId: Type.Optional(
      Type.Union([Uuid, Type.Null()], { description: 'Omitted or null: a root tenant.' }),
    ),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    address: Type.Optional(Type.Union([Address, Type.Null()])),
    settings: Type.Optional(FreeObject),
  },
  { additionalProperties: false },
);
export type TenantCreate = Static<typeof TenantCreate>;

export const TenantPatch = Type.Object(
  {
    code: Type.Optional(TenantCode),
    name: Type.Optional(Name),
    parentId: Type.Optional(
      Type.Union([Uuid, Type.Null()], { description: 'Moves the tenant (with its subtree).' }),
    ),
    enabled: Type.Optional(Type.Boolean()),
    address: Type.Optional(Type.Union([Address, Type.Null()])),
    settings: Type.Optional(FreeObject),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TenantPatch = Static<typeof TenantPatch>;
