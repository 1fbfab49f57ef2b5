import { accessLevels } from '../src/core/model/levels.js';
import { seededCapabilities } from '../src/store/migrations/capability-seed.js';
import type { Endpoint, RequestSpec } from './load-protocol.js';
import { Random } from './random.js';
import { profileFamilies, type Seeded, type SeededTenant } from './seed.js';
import type { BenchDatabaseKind } from './config.js';
import type { BenchServer } from './server.js';
import { send } from './server.js';
import type { Target } from './targets.js';

export interface Scenario {
  name: string;
  /** Where its requests go, and the headers each carries (the app's credential, or none). */
  endpoint: Endpoint;
  requests: RequestSpec[];
  target: Target | null;
  /** A row of the targets table (the scale rule compares its p99 across scales). */
  inTable?: boolean;
}

const DAY = 86_400_000;
/**
 * The headers that act from `tenant`: none for the root (the credential's own tenant: a client
 * acting there names none), else Target-Tenant with the tenant's code.
 */
const actingAs = (tenant: SeededTenant): Record<string, string> =>
  tenant.level === 'root' ? {} : { 'target-tenant': tenant.code };
const query = (params: Record<string, string | undefined>) => {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`;
};
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const capabilityNames = seededCapabilities.map((c) => c.name);

function effectiveAccess(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(500, () => {
    const a = rng.pick(seeded.assignments);
    const owner = seeded.byId.get(a.tenantId) as SeededTenant;
    const about =
      a.scopeTenantId !== a.tenantId && rng.chance(0.5) ? seeded.byId.get(a.scopeTenantId) : undefined;
    return {
      method: 'GET',
      path: `/v1/users/${a.userId}/access${query({ tenant: about?.code })}`,
      headers: actingAs(owner),
      expect: [200],
    };
  });
}

function accessCheck(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(500, () => {
    const a = rng.pick(seeded.assignments);
    const owner = seeded.byId.get(a.tenantId) as SeededTenant;
    const about = a.scopeTenantId === a.tenantId ? undefined : seeded.byId.get(a.scopeTenantId);
    const body = {
      user: a.userId,
      capability: rng.pick(capabilityNames),
      level: rng.pick(accessLevels.slice(1)),
      ...(about && { tenant: about.code }),
    };
    return {
      method: 'POST',
      path: '/v1/access/check',
      headers: actingAs(owner),
      body: JSON.stringify(body),
      expect: [200],
    };
  });
}

/**
 * Requests of the pages after the first of a list at `path` with `params`: `pageSize` items a
 * page, after each cursor met while walking the list `walkSize` at a time (at most `max` pages).
 */
async function pagesAfter(
  endpoint: Endpoint,
  first: RequestSpec,
  params: Record<string, string>,
  sizes: { walk: string; page: string; max: number },
): Promise<RequestSpec[]> {
  const at = (limit: string, cursor: string | undefined): RequestSpec => ({
    ...first,
    path: `${first.path.split('?')[0]}${query({ ...params, limit, cursor })}`,
  });
  const pages: RequestSpec[] = [];
  let cursor: string | null = (await send(endpoint, at(sizes.walk, undefined))).nextCursor;
  while (cursor !== null && pages.length < sizes.max) {
    pages.push(at(sizes.page, cursor));
    cursor = (await send(endpoint, at(sizes.walk, cursor))).nextCursor;
  }
  return pages;
}

/**
 * Profiles, 50 a page, filtered and sorted: every page of each filter and sort of the root
 * tenant's profiles, and first pages in other tenants.
 */
async function filteredProfiles(seeded: Seeded, endpoint: Endpoint, rng: Random): Promise<RequestSpec[]> {
  const filters = [
    'enabled eq true',
    ...profileFamilies.map((f) => `name sw "${f.slice(0, 4)}"`),
    'name co "_1" and enabled eq true',
    'audience eq "tenant" or sessionDurationSeconds gt 7200',
  ];
  const sorts = ['name', '-updatedAt', 'audience,name'];
  const requests: RequestSpec[] = [];
  for (const filter of filters) {
    for (const sort of sorts) {
      const first: RequestSpec = {
        method: 'GET',
        path: `/v1/profiles${query({ limit: '50', filter, sort })}`,
        headers: actingAs(seeded.root),
        expect: [200],
      };
      const sizes = { walk: '50', page: '50', max: 10 };
      requests.push(first, ...(await pagesAfter(endpoint, first, { filter, sort }, sizes)));
    }
  }
  const others = seeded.tenants.filter((t) => t !== seeded.root);
  for (let i = 0; i < 50 && others.length > 0; i += 1) {
    const params = { limit: '50', filter: rng.pick(filters), sort: rng.pick(sorts) };
    requests.push({
      method: 'GET',
      path: `/v1/profiles${query(params)}`,
      headers: actingAs(rng.pick(others)),
      expect: [200],
    });
  }
  return rng.sample(requests, requests.length);
}

/** How far into the root tenant's users the users pages reach: 25 cursors, walked 200 at a time. */
const USER_WALK = { walk: '200', page: '50', max: 25 };

/**
 * Users, 50 a page, filtered and sorted, of the root tenant: the first page and pages after a
 * cursor throughout its first 5,000 users of each order (cursors from walking 200 at a time).
 */
async function userPages(seeded: Seeded, endpoint: Endpoint, rng: Random): Promise<RequestSpec[]> {
  const requests: RequestSpec[] = [];
  for (const [filter, sort] of [
    ['enabled eq true', 'username'],
    ['locale eq "nl-NL"', '-createdAt'],
  ] as const) {
    const first: RequestSpec = {
      method: 'GET',
      path: `/v1/users${query({ limit: '50', filter, sort })}`,
      headers: actingAs(seeded.root),
      expect: [200],
    };
    requests.push(first, ...(await pagesAfter(endpoint, first, { filter, sort }, USER_WALK)));
  }
  return rng.sample(requests, requests.length);
}

function holders(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(300, () => {
    const roll = rng.next();
    const levels = seeded.tenants.filter(
      (t) => t.level === (roll < 0.2 ? 'root' : roll < 0.8 ? 'child' : 'grandchild'),
    );
    return {
      method: 'GET',
      path: `/v1/capabilities/${rng.pick(capabilityNames)}/holders${query({
        tenant: rng.pick(levels).code,
        level: rng.pick(accessLevels.slice(1)),
      })}`,
      headers: actingAs(seeded.root),
      expect: [200],
    };
  });
}

/**
 * One profile by id, from its own tenant. `count` requests, each for a profile picked at random
 * (the same 500 at most, like the other scenarios' users, whatever the scale: what is measured
 * is a read among more data, not more distinct reads); or, without `count`, every profile once
 * in a random order, which at 10M (14,000 profiles, each seen about twice in a run) is mostly
 * first reads, answered from the database.
 */
function profileWithETag(seeded: Seeded, rng: Random, count?: number): RequestSpec[] {
  const all = seeded.tenants.flatMap((t) => t.profileIds.map((id) => ({ tenant: t, id })));
  const picked = count === undefined ? rng.sample(all, all.length) : times(count, () => rng.pick(all));
  return picked.map(({ tenant, id }) => ({
    method: 'GET',
    path: `/v1/profiles/${id}`,
    headers: actingAs(tenant),
    expect: [200],
    expectHeader: 'etag',
  }));
}

/** New assignments (201), or, when a (profile, user, scope) repeats, a changed window (200). */
function assign(seeded: Seeded, rng: Random): RequestSpec[] {
  const now = Date.now();
  const children = seeded.tenants.filter((t) => t.level === 'child');
  return times(10_000, () => {
    const tenant = rng.chance(0.7) ? seeded.root : rng.pick(children);
    const scope =
      tenant.descendantIds.length > 0 && rng.chance(0.4) ? rng.pick(tenant.descendantIds) : undefined;
    const body = {
      profileId: rng.pick(tenant.profileIds),
      userId: rng.pick(tenant.userIds),
      ...(scope && { scopeTenantId: scope }),
      includeDescendants: rng.chance(0.3),
      validFrom: new Date(now - rng.int(30) * DAY).toISOString(),
      validUntil: rng.chance(0.5) ? null : new Date(now + (1 + rng.int(180)) * DAY).toISOString(),
    };
    return {
      method: 'POST',
      path: '/v1/assignments',
      headers: actingAs(tenant),
      body: JSON.stringify(body),
      expect: [200, 201],
    };
  });
}

/** Visier's "a user's profiles", for assigned users of the root (the apikey's tenant). */
function visierUserProfiles(seeded: Seeded, server: BenchServer, rng: Random): RequestSpec[] {
  const users = [
    ...new Set(seeded.assignments.filter((a) => a.tenantId === seeded.root.id).map((a) => a.userId)),
  ];
  return rng.sample(users, 500).map((id) => ({
    method: 'GET',
    path: `/v1/admin/users/${id}/profiles`,
    headers: { apikey: server.visierApiKey },
    expect: [200],
  }));
}

/** The targets on SQLite; on PostgreSQL it sets one, the access check's to the pg read. */
function targetsFor(kind: BenchDatabaseKind) {
  const sqlite = kind === 'sqlite';
  const ratio = (min: number, maxP99Ms?: number): Target | null =>
    sqlite ? { kind: 'ratio', of: 'fastify', min, ...(maxP99Ms !== undefined && { maxP99Ms }) } : null;
  return {
    accessCheck: sqlite
      ? ({ kind: 'ratio', of: 'fastify', min: 0.5, maxP99Ms: 10 } as const)
      : ({ kind: 'ratio', of: 'pgRead', min: 0.5 } as const),
    point: ratio(0.5, 10),
    access: ratio(0.35),
    list: ratio(0.15, 50),
    token: sqlite ? ({ kind: 'rate', min: 2000 } as const) : null,
  };
}

/** The measured scenarios of the app, in the order they run (the write last: it changes the data). */
export async function buildScenarios(
  seeded: Seeded,
  server: BenchServer,
  kind: BenchDatabaseKind,
): Promise<Scenario[]> {
  const rng = new Random(7);
  const t = targetsFor(kind);
  const app: Endpoint = { origin: server.origin, headers: server.headers };
  const anonymous: Endpoint = { origin: server.origin, headers: {} };
  const scenario = (name: string, requests: RequestSpec[], target: Target | null, endpoint = app) => ({
    name,
    endpoint,
    requests,
    target,
    inTable: target !== null || kind === 'postgres',
  });
  return [
    // The app's own cheapest route: what its hooks and serialization cost over bare Fastify.
    {
      ...scenario(
        'GET /healthz',
        [{ method: 'GET', path: '/healthz', headers: {}, expect: [200] }],
        null,
        anonymous,
      ),
      inTable: false,
    },
    // Authentication, acting tenant and one primary-key read: what every /v1 request costs at
    // least. No target; it shows how much of each scenario below is that floor.
    {
      ...scenario(
        'GET /v1/capabilities/{name} (floor)',
        capabilityNames.map((name) => ({
          method: 'GET',
          path: `/v1/capabilities/${name}`,
          headers: actingAs(seeded.root),
          expect: [200],
        })),
        null,
      ),
      inTable: false,
    },
    scenario('POST /v1/access/check', accessCheck(seeded, rng), t.accessCheck),
    scenario('GET /v1/profiles/{id} (ETag)', profileWithETag(seeded, rng, 500), t.point),
    // Every profile once: what a read the cache has not seen costs, at each scale. No target.
    {
      ...scenario('GET /v1/profiles/{id}, every profile once', profileWithETag(seeded, rng), null),
      inTable: false,
    },
    scenario('GET /v1/users/{id}/access', effectiveAccess(seeded, rng), t.access),
    scenario('Visier GET /v1/admin/users/{id}/profiles', visierUserProfiles(seeded, server, rng), t.access),
    scenario('GET /v1/profiles?filter&sort (any page)', await filteredProfiles(seeded, app, rng), t.list),
    scenario('GET /v1/users?filter&sort&cursor', await userPages(seeded, app, rng), t.list),
    scenario('GET /v1/capabilities/{c}/holders', holders(seeded, rng), t.list),
    scenario(
      'POST /oauth2/token (client credentials)',
      [
        {
          method: 'POST',
          path: '/oauth2/token',
          headers: {},
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: server.client.clientId,
            client_secret: server.client.clientSecret,
          }),
          expect: [200],
        },
      ],
      t.token,
      anonymous,
    ),
    { ...scenario('POST /v1/assignments (write)', assign(seeded, rng), null), inTable: false },
  ];
}
