import type { paths, Schema } from '@profiled/sdk';

export type ProfileCreate = NonNullable<
  paths['/v1/profiles']['post']['requestBody']
>['content']['application/json'];
type Policy = NonNullable<ProfileCreate['policies']>[number];
type Variable = NonNullable<NonNullable<ProfileCreate['permissions']>[number]['variables']>[number];

/**
 * The body that creates a copy of `profile` named `name`: every field a create takes, policies
 * with new ids (a policy id names one policy). The native API has no clone endpoint, so a clone
 * is a create from the source's fields.
 */
export function cloneInput(profile: Schema<'Profile'>, name: string, newId: () => string): ProfileCreate {
  return {
    name,
    description: profile.description,
    enabled: profile.enabled,
    audience: profile.audience === 'accessible-tenants' ? 'accessible-tenants' : 'tenant',
    color: profile.color,
    initials: profile.initials,
    capabilities: profile.capabilities,
    additionalCapabilities: profile.additionalCapabilities,
    roles: profile.roles,
    sessionDurationSeconds: profile.sessionDurationSeconds,
    desiredGroups: profile.desiredGroups,
    desiredLdapAttributes: profile.desiredLdapAttributes,
    associations: profile.associations,
    permissions: profile.permissions.map((permission) => ({
      ...permission,
      variables: permission.variables.map((variable): Variable => ({
        ...variable,
        type: variable.type === 'password' ? 'password' : 'String',
      })),
    })),
    policies: profile.policies.map((policy): Policy => ({
      ...policy,
      id: newId(),
      accessType: policy.accessType === 'Deny' ? 'Deny' : 'Allow',
    })),
    advancedSettings: profile.advancedSettings,
    checkout: profile.checkout,
  };
}

/** A list typed one item a line (additional capabilities, roles): trimmed, blank lines dropped, once each. */
export function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}
