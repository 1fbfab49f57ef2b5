import { allScopes, type Scope } from '../../auth/scopes.js';
import { scopeMap } from '../kit/scope-map.js';

/**
 * Cisco's scope words and the profiled scopes each grants: the one table between the two. A
 * `:read` word grants reads only, so no token asked for with reads alone can write.
 */
export const ciscoScopes = {
  admin: { grants: allScopes, description: 'Everything: the org, its accounts, its API clients' },
  profile: {
    grants: ['tenants:read', 'tenants:write', 'users:read', 'users:write'],
    description: 'Read and update your own profile and your org',
  },
  'profile:read': { grants: ['tenants:read', 'users:read'], description: 'Read your profile and your org' },
  users: { grants: ['users:read', 'users:write'], description: "Read and update your org's accounts" },
  'users:read': { grants: ['users:read'], description: "Read your org's accounts" },
  oauth: {
    grants: ['credentials:read', 'credentials:write'],
    description: "Read and manage your org's API clients",
  },
  'oauth:read': { grants: ['credentials:read'], description: "Read your org's API clients" },
} as const satisfies Record<string, { grants: readonly Scope[]; description: string }>;

export type CiscoScope = keyof typeof ciscoScopes;

/** Reads a token request's `scope`: Cisco's words, or profiled's own scope names. */
export const scopesOfRequest = scopeMap(
  Object.fromEntries(Object.entries(ciscoScopes).map(([word, { grants }]) => [word, grants])),
);

/** The Cisco words whose every scope is held: how a token's scopes read in Cisco's naming. */
export function ciscoWordsFor(held: readonly string[]): CiscoScope[] {
  return (Object.keys(ciscoScopes) as CiscoScope[]).filter((word) =>
    ciscoScopes[word].grants.every((scope) => held.includes(scope)),
  );
}
