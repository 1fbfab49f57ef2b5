import assert from 'node:assert/strict';
import { allScopes, readOnlyScopes, type Scope } from '../../src/auth/scopes.js';
import type { ActingTenant } from '../../src/core/context.js';
import type { Answer, TestApp } from './app.js';
import { mint, revoke, withWrongSecret, type Presentable, type Presenter } from './credentials.js';
import { actingOf, newTenant, type TenantRef } from './fixtures.js';
import { NEVER_USED_ID, type ProtectedRoute, type ResourceMaker } from './security-routes.js';
import {
  asNeverUsed,
  bodyOf,
  forbiddenNaming,
  label,
  letThrough,
  unauthenticated,
  type Finding,
} from './security-verdicts.js';

export interface SecuritySuiteOptions {
  /** The routes to attack: derive them from the app (see `guardedRoutes`), so none is forgotten. */
  routes: (t: TestApp) => readonly ProtectedRoute[];
  /** The ways the API takes a credential; the first also runs the tenant and read-only checks. */
  presenters: readonly Presenter[];
  /** Per collection (a route's url before its first parameter), how to make a resource in a tenant. */
  resources: Readonly<Record<string, ResourceMaker>>;
  /**
   * Non-GET routes (`METHOD url`) a read-only credential may call: those that only read, and those
   * a user calls for itself under the resource's own rules (a check-out, which a profile's
   * policies allow), declaring a read scope.
   */
  readingWrites?: readonly string[];
  /** The header naming the tenant a request acts on (default Target-Tenant); null: the API has none. */
  tenantHeader?: string | null;
  /**
   * How the API's lists are asked for one resource by id, with a total, and what an answer holds
   * (default: the native API's `filter=id eq "..."&count=true`, `{total, items}`).
   */
  listProbe?: ListProbe;
  /**
   * The status a credential without the route's scope gets (default 403). NAVER Cloud's gateway
   * answers a permission denied with 401 (code 210), and profiled reproduces it.
   */
  forbiddenStatus?: number;
}

export interface ListProbe {
  query: (id: string) => string;
  found: (body: any) => { total: number; items: number };
}

const nativeListProbe: ListProbe = {
  query: (id) => `count=true&filter=${encodeURIComponent(`id eq "${id}"`)}`,
  found: (body) => ({ total: body.total, items: body.items?.length }),
};

/** What the checks attack: an app, its routes, and two sibling tenants. */
export interface SecurityScene {
  t: TestApp;
  options: SecuritySuiteOptions;
  /** Where the attacking credentials live. */
  home: TenantRef & ActingTenant;
  /** A sibling of home: what home must never see. */
  other: TenantRef & ActingTenant;
  routes: readonly ProtectedRoute[];
  /** One resource of `other` per collection, made on first use. */
  made: Map<string, Promise<string> | 'global'>;
}

export async function securityScene(t: TestApp, options: SecuritySuiteOptions): Promise<SecurityScene> {
  return {
    t,
    options,
    home: actingOf(t, await newTenant(t)),
    other: actingOf(t, await newTenant(t)),
    routes: options.routes(t),
    made: new Map(),
  };
}

const collectionOf = (route: ProtectedRoute) => route.url.split('/:')[0]!;
const withId = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id);
const primaryOf = (scene: SecurityScene) => scene.options.presenters[0]!;
/** The header naming the acting tenant, or null when the API has none. */
export const tenantHeaderOf = (options: SecuritySuiteOptions): string | null =>
  options.tenantHeader === undefined ? 'target-tenant' : options.tenantHeader;

function send(scene: SecurityScene, route: ProtectedRoute, headers: Record<string, string>, url: string) {
  return scene.t.app.inject({
    method: route.method as 'GET',
    url,
    headers,
    ...(route.body !== undefined && { payload: route.body as object }),
  }) as Promise<Answer>;
}

function present(
  scene: SecurityScene,
  presenter: Presenter,
  credential: Presentable,
  route: ProtectedRoute,
  options: { url?: string; headers?: Record<string, string> } = {},
) {
  const url = options.url ?? withId(route.url, NEVER_USED_ID);
  const headers = { ...presenter.headers(credential, { method: route.method, url }), ...options.headers };
  return send(scene, route, headers, url);
}

/** Runs `check` on every route `which` takes, all at once; answers what it found wrong. */
async function everyRoute(
  scene: SecurityScene,
  check: (route: ProtectedRoute) => Promise<string | undefined>,
  which: (route: ProtectedRoute) => boolean = () => true,
): Promise<Finding[]> {
  const verdicts = await Promise.all(
    scene.routes.filter(which).map(async (route) => {
      const why = await check(route);
      return why === undefined ? [] : [{ route: label(route), why }];
    }),
  );
  return verdicts.flat();
}

const mintFor = (
  scene: SecurityScene,
  presenter: Presenter,
  scopes: readonly Scope[],
  extra: { expiresAt?: number; own?: boolean } = {},
) => mint(scene.t, presenter.kind, { scopes, tenant: scene.home, ...extra });

export const withoutCredential = (scene: SecurityScene): Promise<Finding[]> =>
  everyRoute(scene, async (route) =>
    unauthenticated(await send(scene, route, {}, withId(route.url, NEVER_USED_ID))),
  );

/**
 * A credential holding exactly the route's scope gets through: not 401 or 403, not a failure,
 * and a status the route declares. `reads`: only the reads and the routes without a scope.
 */
export async function credentialWithScope(
  scene: SecurityScene,
  presenter: Presenter,
  reads = false,
): Promise<Finding[]> {
  const only = new Map<Scope | null, Presentable>([[null, await mintFor(scene, presenter, [])]]);
  for (const scope of allScopes) only.set(scope, await mintFor(scene, presenter, [scope]));
  return everyRoute(
    scene,
    async (route) => letThrough(route, await present(scene, presenter, only.get(route.scope)!, route)),
    (route) => !reads || route.method === 'GET' || route.scope === null,
  );
}

export const malformedCredential = (scene: SecurityScene, presenter: Presenter): Promise<Finding[]> =>
  everyRoute(scene, async (route) =>
    unauthenticated(
      await present(scene, presenter, { publicId: 'not a key', secret: 'not a credential' }, route),
    ),
  );

export async function wrongSecret(scene: SecurityScene, presenter: Presenter): Promise<Finding[]> {
  const wrong = await withWrongSecret(scene.t, await mintFor(scene, presenter, allScopes));
  return everyRoute(scene, async (route) => unauthenticated(await present(scene, presenter, wrong, route)));
}

export async function expiredCredential(scene: SecurityScene, presenter: Presenter): Promise<Finding[]> {
  const expired = await mintFor(scene, presenter, allScopes, { expiresAt: Date.now() - 1000 });
  return everyRoute(scene, async (route) => unauthenticated(await present(scene, presenter, expired, route)));
}

export async function revokedCredential(scene: SecurityScene, presenter: Presenter): Promise<Finding[]> {
  const revoked = await mintFor(scene, presenter, allScopes, { own: true });
  const before = await present(scene, presenter, revoked, scene.routes[0]!);
  assert.notEqual(before.statusCode, 401, 'the credential works before it is revoked');
  await revoke(scene.t, revoked);
  return everyRoute(scene, async (route) => unauthenticated(await present(scene, presenter, revoked, route)));
}

export async function withoutTheScope(scene: SecurityScene, presenter: Presenter): Promise<Finding[]> {
  const without = new Map<Scope, Presentable>();
  for (const scope of allScopes) {
    without.set(
      scope,
      await mintFor(
        scene,
        presenter,
        allScopes.filter((s) => s !== scope),
      ),
    );
  }
  return everyRoute(
    scene,
    async (route) =>
      forbiddenNaming(
        route.scope!,
        await present(scene, presenter, without.get(route.scope!)!, route),
        scene.options.forbiddenStatus,
      ),
    (route) => route.scope !== null,
  );
}

/** Reads need a read scope and writes a write scope; a read-only credential is 403 on every write. */
export async function readOnlyCredential(scene: SecurityScene): Promise<Finding[]> {
  const reading = new Set(scene.options.readingWrites ?? []);
  const misdeclared = scene.routes
    .filter((r) => r.scope !== null)
    .filter((r) => (r.method === 'GET' || reading.has(label(r))) !== readOnlyScopes.includes(r.scope!))
    .map((r) => ({ route: label(r), why: `${r.scope} is a ${r.method === 'GET' ? 'write' : 'read'} scope` }));
  const readOnly = await mint(scene.t, primaryOf(scene).kind, { scopes: readOnlyScopes, tenant: scene.home });
  const refused = await everyRoute(
    scene,
    async (route) =>
      forbiddenNaming(
        route.scope!,
        await present(scene, primaryOf(scene), readOnly, route),
        scene.options.forbiddenStatus,
      ),
    (route) => route.scope !== null && !readOnlyScopes.includes(route.scope),
  );
  return [...misdeclared, ...refused];
}

const admin = (scene: SecurityScene) =>
  mint(scene.t, primaryOf(scene).kind, { scopes: allScopes, tenant: scene.home });

/** The tenant header naming a tenant outside the subtree answers 404, as for one that never existed. */
export async function foreignTargetTenant(scene: SecurityScene): Promise<Finding[]> {
  const header = tenantHeaderOf(scene.options);
  if (header === null) return [];
  const credential = await admin(scene);
  return everyRoute(
    scene,
    async (route) => {
      const naming = (tenant: string) =>
        present(scene, primaryOf(scene), credential, route, { headers: { [header]: tenant } });
      const [other, never] = [await naming(scene.other.code), await naming('NEVER-USED')];
      if (other.statusCode !== 404) return `expected 404, got ${bodyOf(other)}`;
      return asNeverUsed(route, other, never, {
        theirs: { [scene.other.code]: '<tenant>' },
        never: { 'NEVER-USED': '<tenant>' },
      });
    },
    (route) => !route.ownTenantOnly,
  );
}

function resourceOfOther(scene: SecurityScene, route: ProtectedRoute): Promise<string> | 'global' {
  const collection = collectionOf(route);
  const maker = scene.options.resources[collection];
  assert.ok(maker, `no resource maker for ${collection}: say how to make one (or that it is global)`);
  if (!scene.made.has(collection)) scene.made.set(collection, maker(scene.t, scene.other));
  return scene.made.get(collection)!;
}

/** Every route that names a resource answers 404 for another tenant's, exactly as for an id never used. */
export async function foreignResources(scene: SecurityScene): Promise<Finding[]> {
  const credential = await admin(scene);
  return everyRoute(
    scene,
    async (route) => {
      const resource = resourceOfOther(scene, route);
      if (resource === 'global') return undefined;
      const id = await resource;
      const theirs = await present(scene, primaryOf(scene), credential, route, {
        url: withId(route.url, id),
      });
      const never = await present(scene, primaryOf(scene), credential, route);
      if (theirs.statusCode !== 404) return `expected 404, got ${bodyOf(theirs)}`;
      return asNeverUsed(route, theirs, never, {
        theirs: { [id]: '<id>' },
        never: { [NEVER_USED_ID]: '<id>' },
      });
    },
    (route) => route.url.includes('/:'),
  );
}

/** List filters and counts never find another tenant's resources (and do find them in their own). */
export async function foreignResourcesInLists(scene: SecurityScene): Promise<Finding[]> {
  const mine = await admin(scene);
  const theirs = await mint(scene.t, primaryOf(scene).kind, { scopes: allScopes, tenant: scene.other });
  return everyRoute(
    scene,
    async (route) => {
      const resource = resourceOfOther(scene, route);
      if (resource === 'global') return undefined;
      const probe = scene.options.listProbe ?? nativeListProbe;
      const url = `${route.url}?${probe.query(await resource)}`;
      const fromMine = await present(scene, primaryOf(scene), mine, route, { url });
      const fromTheirs = await present(scene, primaryOf(scene), theirs, route, { url });
      if (probe.found(fromTheirs.json()).total !== 1)
        return `the filter does not find it in its own tenant: ${bodyOf(fromTheirs)}`;
      const body = probe.found(fromMine.json());
      return fromMine.statusCode === 200 && body.total === 0 && body.items === 0
        ? undefined
        : `expected an empty page, got ${bodyOf(fromMine)}`;
    },
    (route) => route.method === 'GET' && route.filterable === true && !route.url.includes('/:'),
  );
}
