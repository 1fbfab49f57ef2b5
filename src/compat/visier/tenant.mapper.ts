import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../../core/errors.js';
import type { Tenant } from '../../core/model/tenant.js';
import type { TenantCreate, TenantPatch } from '../../core/schemas/tenant.schema.js';
import { limits } from '../../core/schemas/common.js';
import {
  VisierTenantSettings,
  type TenantDetailAPIDTO,
  type TenantProvisionAnswer,
  type TenantProvisionAPIDTO,
  type TenantStatusAPIDTO,
  type UpdateTenantModel,
} from './tenant.schemas.js';

type Settings = Static<typeof VisierTenantSettings>;

/**
 * The Visier attributes of a tenant (its `settings.visier`). The native API may write anything
 * there; what does not fit Visier's shape is ignored rather than answered as a 500.
 */
export function visierSettings(t: Tenant): Settings {
  const raw = t.settings.visier;
  return Value.Check(VisierTenantSettings, raw) ? raw : {};
}

/**
 * Visier names an analytic tenant `{administrating code}~{tenantCode}`, e.g. WFF_j1r~c7o. That
 * full code is what profiled stores, and what the tenant details and status answers show.
 */
export function analyticCode(adminCode: string, tenantCode: string): string {
  const code = `${adminCode}~${tenantCode}`;
  if (code.length > limits.code) {
    throw new DomainError(
      'validation.failed',
      `tenant code "${code}" is longer than ${limits.code} characters: choose a shorter tenantCode`,
      [{ pointer: '/tenantCode', detail: `at most ${limits.code - adminCode.length - 1} characters here` }],
    );
  }
  return code;
}

export function toTenantCreate(adminCode: string, dto: Static<typeof TenantProvisionAPIDTO>): TenantCreate {
  const { tenantCode, tenantDisplayName, ...visier } = dto;
  return { code: analyticCode(adminCode, tenantCode), name: tenantDisplayName, settings: { visier } };
}

/** An update merges into the Visier attributes; the tenant's other settings stay as they are. */
export function toTenantPatch(t: Tenant, dto: Static<typeof UpdateTenantModel>): TenantPatch {
  const { tenantDisplayName, customProperties, ...rest } = dto;
  const visier: Settings = {
    ...visierSettings(t),
    ...rest,
    ...(customProperties && {
      customProperties: Object.entries(customProperties).map(([key, value]) => ({ key, value })),
    }),
  };
  return {
    ...(tenantDisplayName !== undefined && { name: tenantDisplayName }),
    settings: { ...t.settings, visier },
  };
}

/**
 * TenantProvisionAPIDTO echoes the tenantCode as it was sent (the reference allows letters and
 * digits only there): the part after the administrating tenant's `~`.
 */
export const toTenantProvision = (t: Tenant): Static<typeof TenantProvisionAnswer> => {
  const { vanityUrlName: _shownInDetailsOnly, ...visier } = visierSettings(t);
  return { tenantCode: t.code.slice(t.code.lastIndexOf('~') + 1), tenantDisplayName: t.name, ...visier };
};

const status = (t: Tenant) => (t.enabled ? 'Current' : 'Disabled');

export const toTenantStatus = (
  t: Tenant,
  administers: boolean,
  deprovisioned = false,
): Static<typeof TenantStatusAPIDTO> => ({
  tenantCode: t.code,
  status: deprovisioned ? 'Deprovisioned' : status(t),
  tenantDisplayName: t.name,
  canAdministerOtherTenants: administers,
});

/** TenantDetailAPIDTO; `details` adds the modules and the other Visier attributes. */
export function toTenantDetail(
  t: Tenant,
  administers: boolean,
  details: boolean,
): Static<typeof TenantDetailAPIDTO> {
  const base = {
    tenantCode: t.code,
    tenantDisplayName: t.name,
    status: status(t),
    provisionDate: String(t.createdAt),
    canAdministerOtherTenants: administers,
  };
  if (!details) return base;
  const { purchasedModules = [], ...visier } = visierSettings(t);
  return {
    ...base,
    modules: purchasedModules.map((symbolName) => ({ symbolName, displayName: symbolName })),
    ...visier,
  };
}
