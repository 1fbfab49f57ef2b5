import { Type } from 'typebox';
import { INT32_MAX, pagingQuery } from './paging.js';

/** Visier's tenant DTOs (admin.*, designer.*), field for field as in its Administration API. */

const Strings = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 });
const IndustryCode = Type.Integer({ minimum: 0, maximum: 4294967295 });
const CustomTenantPropertyDTO = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 200 }), value: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
const CustomProperties = Type.Array(CustomTenantPropertyDTO, { maxItems: 100 });

const provisionFields = {
  tenantCode: Type.String({
    minLength: 1,
    maxLength: 50,
    pattern: '^[a-zA-Z][a-zA-Z0-9]+$',
    description: 'The analytic part; stored and shown back as "{administrating code}~{tenantCode}"',
  }),
  tenantDisplayName: Type.String({ minLength: 1, maxLength: 200 }),
  purchasedModules: Type.Optional(Strings),
  industryCode: Type.Optional(IndustryCode),
  embeddableDomains: Type.Optional(Strings),
  customProperties: Type.Optional(CustomProperties),
  ssoInstanceIssuers: Type.Optional(Strings),
  allowedOAuthIdpUrlDomains: Type.Optional(Strings),
};

export const TenantProvisionAPIDTO = Type.Object(provisionFields, { additionalProperties: false });

export const BatchTenantProvisionAPIDTO = Type.Object(
  { tenants: Type.Array(TenantProvisionAPIDTO, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);

/** Answers show the full code, so it is not held to the request's pattern. */
export const TenantProvisionAnswer = Type.Object({ ...provisionFields, tenantCode: Type.String() });
export const BatchTenantProvisionAnswer = Type.Object({ tenants: Type.Array(TenantProvisionAnswer) });

/** Unlike on provisioning, customProperties is a map here, as in Visier's document. */
export const UpdateTenantModel = Type.Object(
  {
    tenantDisplayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    industryCode: Type.Optional(IndustryCode),
    purchasedModules: Type.Optional(Strings),
    embeddableDomains: Type.Optional(Strings),
    customProperties: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.String({ maxLength: 2000 }), {
        maxProperties: 100,
      }),
    ),
    ssoInstanceIssuers: Type.Optional(Strings),
  },
  { additionalProperties: false, minProperties: 1 },
);

const TenantModuleDTO = Type.Object({
  displayName: Type.String(),
  symbolName: Type.String(),
  moduleSettings: Type.Optional(
    Type.Object({
      unavailableForAssignment: Type.Optional(Type.Boolean()),
      specialHandlingInstruction: Type.Optional(Type.String()),
      locale: Type.Optional(Type.String()),
    }),
  ),
});

export const TenantDetailAPIDTO = Type.Object({
  tenantCode: Type.String(),
  tenantDisplayName: Type.String(),
  status: Type.String({ description: 'Current or Disabled' }),
  provisionDate: Type.String({ description: 'Epoch milliseconds' }),
  canAdministerOtherTenants: Type.Boolean(),
  modules: Type.Optional(Type.Array(TenantModuleDTO)),
  industryCode: Type.Optional(Type.Integer()),
  embeddableDomains: Type.Optional(Type.Array(Type.String())),
  customProperties: Type.Optional(Type.Array(Type.Object({ key: Type.String(), value: Type.String() }))),
  ssoInstanceIssuers: Type.Optional(Type.Array(Type.String())),
  vanityUrlName: Type.Optional(Type.String()),
  allowedOAuthIdpUrlDomains: Type.Optional(Type.Array(Type.String())),
});

export const AllTenantsStatusAPIDTO = Type.Object({
  tenants: Type.Array(TenantDetailAPIDTO),
  limit: Type.Integer(),
  start: Type.Integer(),
});

export const TenantStatusAPIDTO = Type.Object({
  tenantCode: Type.String(),
  status: Type.String({ description: 'Current, Disabled or Deprovisioned' }),
  tenantDisplayName: Type.String(),
  canAdministerOtherTenants: Type.Boolean(),
});

export const TenantsQuery = Type.Object({
  ...pagingQuery(INT32_MAX),
  details: Type.Optional(Type.Boolean({ description: 'true: modules and the other tenant settings too' })),
});
export const TenantIdParams = Type.Object({
  tenantId: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'The tenant code, e.g. WFF_j1r~c7o, or id',
  }),
});

/** The Visier attributes of a tenant, kept in its settings under `visier`. */
export const VisierTenantSettings = Type.Object({
  purchasedModules: Type.Optional(Type.Array(Type.String())),
  industryCode: Type.Optional(Type.Integer()),
  embeddableDomains: Type.Optional(Type.Array(Type.String())),
  customProperties: Type.Optional(Type.Array(Type.Object({ key: Type.String(), value: Type.String() }))),
  ssoInstanceIssuers: Type.Optional(Type.Array(Type.String())),
  allowedOAuthIdpUrlDomains: Type.Optional(Type.Array(Type.String())),
  vanityUrlName: Type.Optional(Type.String()),
});
