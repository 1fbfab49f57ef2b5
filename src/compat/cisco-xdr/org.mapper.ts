import type { Static } from 'typebox';
import { DomainError } from '../../core/errors.js';
import type { Address, Tenant } from '../../core/model/tenant.js';
import { toIso } from '../../core/model/time.js';
import type { TenantPatch } from '../../core/schemas/tenant.schema.js';
import type { CiscoAddress, CiscoOrg, OrgUpdate } from './schemas.js';

/**
 * The keys of a tenant's `settings` that hold what Cisco shows as fields of its own; the org's
 * `settings` shows the rest.
 */
const ALLOW_ALL_ROLES = 'allowAllRoleToLogin';
const ADDITIONAL_SCOPES = 'additionalScopes';
const ownFields = new Set([ALLOW_ALL_ROLES, ADDITIONAL_SCOPES]);

type CiscoAddressBody = Static<typeof CiscoAddress>;

function toCiscoAddress(address: Address | null): CiscoAddressBody | null {
  if (address === null) return null;
  const { postalCode, ...rest } = address;
  return { ...rest, ...(postalCode !== undefined && { 'postal-code': postalCode }) };
}

function fromCiscoAddress(address: CiscoAddressBody): Address | null {
  if (Object.keys(address).length === 0) return null;
  const { 'postal-code': postalCode, ...rest } = address;
  return { ...rest, ...(postalCode !== undefined && { postalCode }) };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The org as Cisco shows it; `callerIsAdmin`: whether the caller may change allow-all-role-to-login. */
export function toCiscoOrg(tenant: Tenant, callerIsAdmin: boolean): Static<typeof CiscoOrg> {
  const settings = Object.fromEntries(Object.entries(tenant.settings).filter(([key]) => !ownFields.has(key)));
  return {
    id: tenant.id,
    name: tenant.name,
    address: toCiscoAddress(tenant.address),
    'additional-scopes': strings(tenant.settings[ADDITIONAL_SCOPES]),
    'allow-all-role-to-login': tenant.settings[ALLOW_ALL_ROLES] === true,
    'allow-all-role-to-login-editable?': callerIsAdmin,
    // profiled provisions no accounts by SCIM; an org is active while its tenant is enabled.
    'scim-status': 'disabled',
    'activation-status': tenant.enabled ? 'active' : 'inactive',
    'enabled?': tenant.enabled,
    settings,
    'created-at': toIso(tenant.createdAt),
    'updated-at': toIso(tenant.updatedAt),
  };
}

/**
 * The tenant patch of a partial org update. `settings` merges key by key into the current ones
 * (null removes a key); keys the org shows as fields of their own cannot be set through it.
 */
export function toTenantPatch(body: Static<typeof OrgUpdate>, current: Tenant): TenantPatch {
  const patch: TenantPatch = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.address !== undefined) patch.address = fromCiscoAddress(body.address);
  if (body.settings !== undefined || body['allow-all-role-to-login'] !== undefined) {
    const merged: Record<string, unknown> = { ...current.settings };
    for (const [key, value] of Object.entries(body.settings ?? {})) {
      if (ownFields.has(key)) {
        throw new DomainError('validation.failed', `settings.${key} is a field of the org of its own`, [
          {
            pointer: `/settings/${key}`,
            detail: 'a field of the org of its own',
            rule: 'additionalProperties',
          },
        ]);
      }
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    if (body['allow-all-role-to-login'] !== undefined)
      merged[ALLOW_ALL_ROLES] = body['allow-all-role-to-login'];
    patch.settings = merged;
  }
  return patch;
}
