import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { allScopes, readOnlyScopes, type Scope } from '../../src/auth/scopes.js';
import type { ActingTenant } from '../../src/core/context.js';
import type { Answer, TestApp } from './app.js';
import { mint, revoke, withWrongSecret, type Presentable, type Presenter } from './credentials.js';
import { actingOf, newTenant, type TenantRef } from './fixtures.js';

/** A route the suite attacks, as the app registered it. */
export interface ProtectedRoute {
  method: string;
  /** With its parameters, e.g. `/v1/users/:id`. */
  url: string;
  /** The scope it needs; null: any valid credential. */
  scope: Scope | null;
  /** A valid body, so that checks after validation (the tenant boundary) are reached. */
  body?: unknown;
  /** Whether it lists a collection with a `filter` query. */
  filterable?: boolean;
  /** It always acts from the credential's own tenant: no header names another. */
  ownTenantOnly?: boolean;
}

/** Makes a resource of `tenant` and answers its id; `global`: the collection belongs to no tenant. */
export type ResourceMaker = (t: TestApp, tenant: TenantRef) => Promise<string> | 'global';

export interface SecuritySuiteOptions {
  /** The routes to attack: derive them from the app (see `guardedRoutes`), so none is forgotten. */
  routes: (t: TestApp) => readonly ProtectedRoute[];
  /** The ways the API takes a credential; the first also runs the tenant and read-only checks. */
  presenters: readonly Presenter[];
  /** Per collection (a route's url before its first parameter), how to make a resource in a tenant. */
  resources: Readonly<Record<string, ResourceMaker>>;
  /** Non-GET routes (`METHOD url`) that only read, so a read-only credential may call them. */
  readingWrites?: readonly string[];
  /** The header naming the tenant a request acts on (default Target-Tenant); null: the API has none. */
  tenantHeader?: string | null;
}

/** An id no resource has (UUID-shaped, so that it passes validation). */
export const NEVER_USED_ID = '0190b7e4-0000-7000-8000-00000000dead';

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
    const scope = route.config?.scope;
    // HEAD routes are Fastify's copies of GET routes, with the same config.
    if (route.method === 'HEAD' || scope === undefined || !match.test(route.url)) continue;
    if ((route.config?.source ?? 'native') !== source) continue;
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (route.schema?.body !== undefined) assert.ok(key in bodies, `no sample body for ${key}`);
      const query = route.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
      routes.push({
        method,
        url: route.url,
        scope,
        body: bodies[key],
        filterable: query?.properties?.filter !== undefined,
        ownTenantOnly: route.config?.targetTenantHeader === null,
      });
    }
  }
  assert.ok(routes.length > 0, `no guarded route matches ${match}`);
  return routes;
}

const collectionOf = (route: ProtectedRoute) => route.url.split('/:')[0]!;
const withId = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id);
const label = (route: ProtectedRoute) => `${route.method} ${route.url}`;
const bodyOf = (res: Answer) => `${res.statusCode} ${res.body.slice(0, 200)}`;
/** The body with everything that may differ between two requests for different ids made the same. */
const normalized = (res: Answer, replace: Record<string, string> = {}) => {
  let text = res.body.replaceAll(String(res.headers['x-request-id']), '<request>');
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return `${res.statusCode} ${text}`;
};

interface World {
  /** Where the attacking credentials live. */
  home: TenantRef & ActingTenant;
  /** A sibling of home: what home must never see. */
  other: TenantRef & ActingTenant;
  routes: readonly ProtectedRoute[];
}

/**
 * The shared security suite: every guarded route answers 401 to a missing, malformed, wrong,
 * expired or revoked credential, 403 naming the scope to one without it, 404 for whatever belongs
 * to another tenant (never 403, nothing in lists), and 403 to a read-only credential on a write.
 * Call it inside `forEachApp`; each API supplies its routes and how its clients present credentials.
 */
export function securitySuite(t: () => TestApp, options: SecuritySuiteOptions): void {
  const [primary] = options.presenters;
  if (!primary) throw new Error('securitySuite needs at least one presenter');
  const tenantHeader = options.tenantHeader === undefined ? 'target-tenant' : options.tenantHeader;
  let world: World | undefined;
  const w = () => world ?? assert.fail('security suite not set up');

  before(async () => {
    world = {
      home: actingOf(t(), await newTenant(t())),
      other: actingOf(t(), await newTenant(t())),
      routes: options.routes(t()),
    };
  });

  const send = (
    route: ProtectedRoute,
    headers: Record<string, string>,
    url = withId(route.url, NEVER_USED_ID),
  ) =>
    t().app.inject({
      method: route.method as 'GET',
      url,
      headers,
      ...(route.body !== undefined && { payload: route.body as object }),
    }) as Promise<Answer>;

  const present = (
    presenter: Presenter,
    credential: Presentable,
    route: ProtectedRoute,
    options: { url?: string; headers?: Record<string, string> } = {},
  ) => {
    const url = options.url ?? withId(route.url, NEVER_USED_ID);
    const headers = { ...presenter.headers(credential, { method: route.method, url }), ...options.headers };
    return send(route, headers, url);
  };

  /** Runs `check` on every route; collects every route where it fails, and fails once with all. */
  async function everyRoute(
    check: (route: ProtectedRoute) => Promise<string | undefined>,
    which: (route: ProtectedRoute) => boolean = () => true,
  ): Promise<void> {
    const verdicts = await Promise.all(
      w()
        .routes.filter(which)
        .map(async (route) => {
          const why = await check(route);
          return why === undefined ? [] : [`${label(route)}: ${why}`];
        }),
    );
    assert.deepEqual(verdicts.flat(), []);
  }

  const expect401 = (res: Answer) =>
    res.statusCode === 401 && res.headers['www-authenticate'] !== undefined
      ? undefined
      : `expected 401 with WWW-Authenticate, got ${bodyOf(res)}`;

  test('without a credential every guarded route answers 401 with WWW-Authenticate', () =>
    everyRoute(async (route) => expect401(await send(route, {}))));

  for (const presenter of options.presenters) {
    const mintFor = (scopes: readonly Scope[], extra: { expiresAt?: number; own?: boolean } = {}) =>
      mint(t(), presenter.kind, { scopes, tenant: w().home, ...extra });

    // Every route runs with the primary presentation; the others need only the reads and the
    // routes without a scope here, as the 403 test below shows they authenticate everywhere.
    const fully = presenter === primary;
    test(`${presenter.name}: a credential with the route's scope is let through${fully ? '' : ' (reads)'}`, async () => {
      const only = new Map<Scope | null, Presentable>([[null, await mintFor([])]]);
      for (const scope of allScopes) only.set(scope, await mintFor([scope]));
      await everyRoute(
        async (route) => {
          const res = await present(presenter, only.get(route.scope)!, route);
          return res.statusCode === 401 || res.statusCode === 403 ? `refused: ${bodyOf(res)}` : undefined;
        },
        (route) => fully || route.method === 'GET' || route.scope === null,
      );
    });

    test(`${presenter.name}: a malformed credential is 401 everywhere`, () =>
      everyRoute(async (route) =>
        expect401(await present(presenter, { publicId: 'not a key', secret: 'not a credential' }, route)),
      ));

    test(`${presenter.name}: a wrong secret is 401 everywhere`, async () => {
      const wrong = await withWrongSecret(t(), await mintFor(allScopes));
      await everyRoute(async (route) => expect401(await present(presenter, wrong, route)));
    });

    test(`${presenter.name}: an expired credential is 401 everywhere`, async () => {
      const expired = await mintFor(allScopes, { expiresAt: Date.now() - 1000 });
      await everyRoute(async (route) => expect401(await present(presenter, expired, route)));
    });

    test(`${presenter.name}: a revoked credential is 401 everywhere`, async () => {
      const revoked = await mintFor(allScopes, { own: true });
      const before = await present(presenter, revoked, w().routes[0]!);
      assert.notEqual(before.statusCode, 401, 'the credential works before it is revoked');
      await revoke(t(), revoked);
      await everyRoute(async (route) => expect401(await present(presenter, revoked, route)));
    });

    test(`${presenter.name}: an authenticated credential without the route's scope is 403 naming it`, async () => {
      const without = new Map<Scope, Presentable>();
      for (const scope of allScopes) without.set(scope, await mintFor(allScopes.filter((s) => s !== scope)));
      await everyRoute(
        async (route) => {
          const res = await present(presenter, without.get(route.scope!)!, route);
          return res.statusCode === 403 && res.body.includes(route.scope!)
            ? undefined
            : `expected 403 naming ${route.scope}, got ${bodyOf(res)}`;
        },
        (route) => route.scope !== null,
      );
    });
  }

  test('a read-only credential (the demo client) is 403 on every write, naming the scope', async () => {
    const readOnly = await mint(t(), primary.kind, { scopes: readOnlyScopes, tenant: w().home });
    const reading = new Set(options.readingWrites ?? []);
    const misdeclared = w()
      .routes.filter((r) => r.scope !== null)
      .filter((r) => (r.method === 'GET' || reading.has(label(r))) !== readOnlyScopes.includes(r.scope!))
      .map(label);
    assert.deepEqual(misdeclared, [], 'reads need a read scope and writes a write scope');
    await everyRoute(
      async (route) => {
        const res = await present(primary, readOnly, route);
        return res.statusCode === 403 && res.body.includes(route.scope!)
          ? undefined
          : `expected 403 naming ${route.scope}, got ${bodyOf(res)}`;
      },
      (route) => route.scope !== null && !readOnlyScopes.includes(route.scope),
    );
  });

  if (tenantHeader !== null) {
    test(`${tenantHeader} naming a tenant outside the subtree is 404 everywhere, as for one that never existed`, async () => {
      const admin = await mint(t(), primary.kind, { scopes: allScopes, tenant: w().home });
      await everyRoute(
        async (route) => {
          const other = await present(primary, admin, route, { headers: { [tenantHeader]: w().other.code } });
          const never = await present(primary, admin, route, { headers: { [tenantHeader]: 'NEVER-USED' } });
          if (other.statusCode !== 404) return `expected 404, got ${bodyOf(other)}`;
          const same = normalized(other, { [w().other.code]: 'NEVER-USED' }) === normalized(never);
          return same
            ? undefined
            : `differs from a tenant that never existed: ${bodyOf(other)} / ${bodyOf(never)}`;
        },
        (route) => !route.ownTenantOnly,
      );
    });
  }

  /** One resource of the other tenant per collection, made on first use. */
  const made = new Map<string, Promise<string> | 'global'>();
  function resourceOfOther(route: ProtectedRoute): Promise<string> | 'global' {
    const collection = collectionOf(route);
    const maker = options.resources[collection];
    assert.ok(maker, `no resource maker for ${collection}: say how to make one (or that it is global)`);
    if (!made.has(collection)) made.set(collection, maker(t(), w().other));
    return made.get(collection)!;
  }

  test("another tenant's resources are 404 on every route that names one, as an id never used", async () => {
    const admin = await mint(t(), primary.kind, { scopes: allScopes, tenant: w().home });
    await everyRoute(
      async (route) => {
        const resource = resourceOfOther(route);
        if (resource === 'global') return undefined;
        const id = await resource;
        const theirs = await present(primary, admin, route, { url: withId(route.url, id) });
        const never = await present(primary, admin, route);
        if (theirs.statusCode !== 404) return `expected 404, got ${bodyOf(theirs)}`;
        const same = normalized(theirs, { [id]: NEVER_USED_ID }) === normalized(never);
        return same ? undefined : `differs from an id never used: ${bodyOf(theirs)} / ${bodyOf(never)}`;
      },
      (route) => route.url.includes('/:'),
    );
  });

  test("list filters and counts never find another tenant's resources", async () => {
    const admin = await mint(t(), primary.kind, { scopes: allScopes, tenant: w().home });
    const theirs = await mint(t(), primary.kind, { scopes: allScopes, tenant: w().other });
    await everyRoute(
      async (route) => {
        const resource = resourceOfOther(route);
        if (resource === 'global') return undefined;
        const url = `${route.url}?count=true&filter=${encodeURIComponent(`id eq "${await resource}"`)}`;
        const mine = await present(primary, admin, route, { url });
        const own = await present(primary, theirs, route, { url });
        if (own.json().total !== 1) return `the filter does not find it in its own tenant: ${bodyOf(own)}`;
        const body = mine.json();
        return mine.statusCode === 200 && body.total === 0 && body.items.length === 0
          ? undefined
          : `expected an empty page, got ${bodyOf(mine)}`;
      },
      (route) => route.method === 'GET' && route.filterable === true && !route.url.includes('/:'),
    );
  });
}
