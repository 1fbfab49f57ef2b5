import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import type { Scope } from '../../src/auth/scopes.js';
import type { TestApp } from './app.js';
import type { TenantRef } from './fixtures.js';

/** A route the security suite attacks, as the app registered it. */
export interface ProtectedRoute {
  method: string;
  /** With its parameters, e.g. `/v1/users/:id`. */
  url: string;
  /** The scope it needs; null: any valid credential. */
  scope: Scope | null;
  /** The statuses its response schema declares (`200`, `4xx`, `default`...): all it may answer. */
  declared: Readonly<Record<string, unknown>>;
  /** A valid body, so that checks after validation (the tenant boundary) are reached. */
  body?: unknown;
  /** Whether it lists a collection with a `filter` query. */
  filterable?: boolean;
  /** It always acts from the credential's own tenant: no header names another. */
  ownTenantOnly?: boolean;
}

/** Makes a resource of `tenant` and answers its id; `global`: the collection belongs to no tenant. */
export type ResourceMaker = (t: TestApp, tenant: TenantRef) => Promise<string> | 'global';

/** An id no resource has (UUID-shaped, so that it passes validation). */
export const NEVER_USED_ID = '0190b7e4-0000-7000-8000-00000000dead';

/** A registered route as the suite sees it, for one of its methods. */
function protectedRoute(route: RouteOptions, method: string, body: unknown): ProtectedRoute {
  const query = route.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  return {
    method,
    url: route.url,
    scope: route.config?.scope ?? null,
    declared: (route.schema?.response ?? {}) as Record<string, unknown>,
    body,
    filterable: query?.properties?.filter !== undefined,
    ownTenantOnly: route.config?.targetTenantHeader === null,
  };
}

/**
 * The routes of an app that declare a scope (or null: any credential), from its onRoute hook,
 * with a sample body for each that takes one. A route that takes a body but has no sample fails,
 * so a new route cannot slip past the suite.
 */
export function guardedRoutes(
  t: TestApp,
  match: RegExp,
  bodies: Readonly<Record<string, unknown>>,
  /** The API whose routes to take (a route's `config.source`). */
  source = 'native',
): ProtectedRoute[] {
  const routes: ProtectedRoute[] = [];
  for (const route of t.routes) {
    // HEAD routes are Fastify's copies of GET routes, with the same config.
    if (route.method === 'HEAD' || route.config?.scope === undefined || !match.test(route.url)) continue;
    if ((route.config?.source ?? 'native') !== source) continue;
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (route.schema?.body !== undefined) assert.ok(key in bodies, `no sample body for ${key}`);
      routes.push(protectedRoute(route, method, bodies[key]));
    }
  }
  assert.ok(routes.length > 0, `no guarded route matches ${match}`);
  return routes;
}

/** The route an app registered for `method` and `url` (as registered, e.g. `/v1/users/:id`). */
export function registeredRoute(t: TestApp, method: string, url: string): ProtectedRoute {
  const route = t.routes.find((r) => r.url === url && [r.method].flat().includes(method));
  return route ? protectedRoute(route, method, undefined) : assert.fail(`no route ${method} ${url}`);
}
