import { policyWithDefaults, type ProfileChanges } from '../../store/codecs/profile.codec.js';
import { DomainError, type FieldIssue } from '../errors.js';
import type {
  CapabilityGrant,
  CheckoutSettings,
  ProfilePermission,
  ProfilePolicy,
} from '../model/profile.js';
import type { ProfilePatch } from '../schemas/profile.schema.js';

/** Removes repeated strings, keeping the first occurrence: these lists are sets with a display order. */
const distinct = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * Normalizes permission variables to exactly one state: static (a value), system-defined or
 * prompted at checkout. Both flags at once is refused; a value outside the static state is cleared.
 */
function normalizePermissions(permissions: NonNullable<ProfilePatch['permissions']>): ProfilePermission[] {
  const issues: FieldIssue[] = [];
  const normalized = permissions.map((p, i) => ({
    permissionId: p.permissionId,
    name: p.name,
    version: p.version ?? '1',
    description: p.description ?? null,
    resourceTypeId: p.resourceTypeId ?? null,
    resourceType: p.resourceType ?? null,
    variables: (p.variables ?? []).map((v, j) => {
      const isSystemDefined = v.isSystemDefined ?? false;
      const promptAtCheckout = v.promptAtCheckout ?? false;
      if (isSystemDefined && promptAtCheckout) {
        issues.push({
          pointer: `/permissions/${i}/variables/${j}`,
          detail: 'isSystemDefined and promptAtCheckout are mutually exclusive',
        });
      }
      const isStatic = !isSystemDefined && !promptAtCheckout;
      const regexPattern = v.regexPattern ?? null;
      return {
        name: v.name,
        value: isStatic ? (v.value ?? null) : null,
        isSystemDefined,
        promptAtCheckout,
        type: v.type ?? 'String',
        regexPattern,
        // The explanation goes with the pattern: without one it explains nothing.
        description: regexPattern === null ? null : (v.description ?? null),
      };
    }),
  }));
  const ids = normalized.map((p) => p.permissionId);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      issues.push({ pointer: `/permissions/${i}/permissionId`, detail: `duplicate permission ${id}` });
  });
  if (issues.length > 0) throw new DomainError('validation.failed', 'invalid permissions', issues);
  return normalized;
}

function normalizePolicies(policies: NonNullable<ProfilePatch['policies']>): ProfilePolicy[] {
  const ids = policies.map((p) => p.id);
  const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (duplicate >= 0) {
    throw new DomainError('validation.failed', 'invalid policies', [
      { pointer: `/policies/${duplicate}/id`, detail: `duplicate policy ${ids[duplicate]}` },
    ]);
  }
  return policies.map(policyWithDefaults);
}

/** Capability grants of a profile; every name must be in the catalog and appear once. */
export function capabilityGrants(
  grants: NonNullable<ProfilePatch['capabilities']>,
  catalog: ReadonlySet<string>,
): CapabilityGrant[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  grants.forEach((g, i) => {
    if (!catalog.has(g.capability)) {
      issues.push({
        pointer: `/capabilities/${i}/capability`,
        detail: `unknown capability "${g.capability}"`,
      });
    }
    if (seen.has(g.capability))
      issues.push({
        pointer: `/capabilities/${i}/capability`,
        detail: `duplicate capability "${g.capability}"`,
      });
    seen.add(g.capability);
  });
  if (issues.length > 0) throw new DomainError('validation.failed', 'invalid capabilities', issues);
  return grants.map((g) => ({
    capability: g.capability,
    accessLevel: g.accessLevel,
    viewLevel: g.viewLevel,
  }));
}

/**
 * The fields a create or patch sets, normalized (lists without repeats, permission variables in
 * one state, policy defaults); capabilities need the catalog: see capabilityGrants.
 */
export function profileChanges(input: Omit<ProfilePatch, 'capabilities'>): ProfileChanges {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.enabled !== undefined && { enabled: input.enabled }),
    ...(input.audience !== undefined && { audience: input.audience }),
    ...(input.color !== undefined && { color: input.color }),
    ...(input.initials !== undefined && { initials: input.initials }),
    ...(input.sessionDurationSeconds !== undefined && {
      sessionDurationSeconds: input.sessionDurationSeconds,
    }),
    ...(input.additionalCapabilities !== undefined && {
      additionalCapabilities: distinct(input.additionalCapabilities),
    }),
    ...(input.roles !== undefined && { roles: distinct(input.roles) }),
    ...(input.desiredGroups !== undefined && {
      desiredGroups: input.desiredGroups.map((g) => ({
        name: g.name,
        provider: g.provider ?? null,
        sid: g.sid ?? null,
      })),
    }),
    ...(input.desiredLdapAttributes !== undefined && { desiredLdapAttributes: input.desiredLdapAttributes }),
    ...(input.associations !== undefined && {
      associations: Object.fromEntries(Object.entries(input.associations).map(([k, v]) => [k, distinct(v)])),
    }),
    ...(input.permissions !== undefined && { permissions: normalizePermissions(input.permissions) }),
    ...(input.policies !== undefined && { policies: normalizePolicies(input.policies) }),
    ...(input.advancedSettings !== undefined && { advancedSettings: input.advancedSettings }),
  };
}

/** The check-out settings after a change: the fields given replace theirs, the others stay. */
export function changedCheckout(
  current: CheckoutSettings,
  change: ProfilePatch['checkout'] | undefined,
): CheckoutSettings {
  if (change === undefined) return current;
  const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  return { ...current, ...given };
}
