import { DomainError } from '../core/errors.js';

/** The scopes of profiled's own API. A route declares the one it needs. */
export const allScopes = [
  'tenants:read',
  'tenants:write',
  'users:read',
  'users:write',
  'directories:read',
  'directories:write',
  'profiles:read',
  'profiles:write',
  'profiles:assume',
  'assignments:read',
  'assignments:write',
  'access:check',
  'audit:read',
  'credentials:read',
  'credentials:write',
] as const;

export type Scope = (typeof allScopes)[number];

/** What a read-only credential (such as the demo client) holds: every read, and access checks. */
export const readOnlyScopes: readonly Scope[] = allScopes.filter(
  (s) => s.endsWith(':read') || s === 'access:check',
);

export const isScope = (value: string): value is Scope => (allScopes as readonly string[]).includes(value);

/** Parses a space-separated OAuth `scope` string; unknown names are dropped, as RFC 6749 allows. */
export function parseScopeString(text: string | undefined): Scope[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return [...new Set(text.trim().split(/\s+/))].filter(isScope);
}

/** The scopes granted: those requested (all allowed ones when none are) that are allowed. */
export function grantScopes(allowed: readonly Scope[], requested: readonly Scope[] | undefined): Scope[] {
  if (requested === undefined) return [...allowed];
  return requested.filter((s) => allowed.includes(s));
}

/** A caller never grants (to a credential, to a user's sessions) a scope it does not hold itself. */
export function assertGrantable(held: readonly Scope[], granted: readonly Scope[]): void {
  const notHeld = granted.filter((s) => !held.includes(s));
  if (notHeld.length > 0) {
    throw new DomainError(
      'auth.scope_not_held',
      `cannot grant scopes the caller does not hold: ${notHeld.join(', ')}`,
    );
  }
}
